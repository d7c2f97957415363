using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Common.Admission;
using Orchestrator.WebApi.Errors;

namespace Orchestrator.WebApi.Middleware;

/// <summary>
/// The request admission (<see cref="IRequestAdmission"/>), before authentication: the per-client-IP limit, so that
/// <c>/token</c>, 401s and every other error count, and the bearer token's revocation answer where it is prefetched
/// (with Redis, in the same round trip), left for <see cref="Security.BearerTokenRevocationCheck"/>.
/// Every response carries the limit state (draft-ietf-httpapi-ratelimit-headers, structured fields):
/// <c>RateLimit-Policy: "per-ip";q=100;w=60</c> and <c>RateLimit: "per-ip";r=42;t=18</c>, where
/// <c>r</c> is the requests still admitted now and <c>t</c> the seconds until the full quota is back.
/// The client is <see cref="ConnectionInfo.RemoteIpAddress"/>, which only the forwarded-headers middleware
/// rewrites, and only for trusted proxies; the admission counts IPv6 clients per network prefix.
/// </summary>
public sealed class RequestAdmissionMiddleware(
    RequestDelegate next,
    IRequestAdmission admission,
    IProblemDetailsService problemDetails)
{
    private const string PolicyName = "\"per-ip\"";

    private const string BearerPrefix = "Bearer ";

    private readonly string _policyHeader = string.Create(
        CultureInfo.InvariantCulture, $"{PolicyName};q={admission.Policy.Permits};w={(long)admission.Policy.Window.TotalSeconds}");

    public async Task InvokeAsync(HttpContext context)
    {
        var admitted = await admission.AdmitAsync(context.Connection.RemoteIpAddress, BearerToken(context), context.RequestAborted);
        if (admitted.Revocation is { } revocation)
        {
            context.Features.Set(revocation);
        }

        var decision = admitted.Rate;

        // Set when the response starts, so that an error page written later (which clears headers) keeps them.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["RateLimit-Policy"] = _policyHeader;
            headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"{PolicyName};r={decision.Remaining};t={Seconds(decision.ResetAfter)}");
            return Task.CompletedTask;
        });

        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Seconds(decision.RetryAfter).ToString(CultureInfo.InvariantCulture);
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.RateLimited,
                Title = "Too many requests.",
                Detail = $"At most {admission.Policy.Permits} requests per minute from one client address (for IPv6, one network prefix); see Retry-After.",
            },
        });
    }

    // A view of the header, not a copy: only an admission that prefetches reads it.
    private static ReadOnlyMemory<char> BearerToken(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.Ordinal)
            ? authorization.AsMemory(BearerPrefix.Length).Trim()
            : ReadOnlyMemory<char>.Empty;
    }

    private static long Seconds(TimeSpan span) => Math.Max(span > TimeSpan.Zero ? 1 : 0, (long)Math.Ceiling(span.TotalSeconds));
}
