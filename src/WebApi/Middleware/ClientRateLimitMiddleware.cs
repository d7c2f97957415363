using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Infrastructure.Limits;
using Orchestrator.WebApi.Errors;
using Orchestrator.WebApi.Security;

namespace Orchestrator.WebApi.Middleware;

/// <summary>
/// The per-client-IP limit, before authentication so that <c>/token</c>, 401s and every other error count.
/// Every response carries the limit state (draft-ietf-httpapi-ratelimit-headers, structured fields):
/// <c>RateLimit-Policy: "per-ip";q=100;w=60</c> and <c>RateLimit: "per-ip";r=42;t=18</c>, where
/// <c>r</c> is the requests still admitted now and <c>t</c> the seconds until the full quota is back.
/// The client is <see cref="ConnectionInfo.RemoteIpAddress"/>, which only the forwarded-headers middleware
/// rewrites, and only for trusted proxies.
/// </summary>
public sealed class ClientRateLimitMiddleware(
    RequestDelegate next,
    ClientRateLimiter limiter,
    ITokenRevocationStore revocations,
    IProblemDetailsService problemDetails)
{
    private const string PolicyName = "\"per-ip\"";

    private readonly string _policyHeader = string.Create(
        CultureInfo.InvariantCulture, $"{PolicyName};q={limiter.Policy.Permits};w={(long)limiter.Policy.Window.TotalSeconds}");

    public async Task InvokeAsync(HttpContext context)
    {
        // With Redis, the bearer token's revocation lookup leaves together with the limit's decision, in one call.
        ValueTask<RateDecision> deciding;
        using (RedisRequestChecks.GatherQuestions())
        {
            RevocationLookahead.Start(context, revocations);
            deciding = limiter.AcquireAsync(ClientAddress(context), context.RequestAborted);
        }

        var decision = await deciding;

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
                Detail = $"At most {limiter.Policy.Permits} requests per minute from one client address; see Retry-After.",
            },
        });
    }

    private static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private static long Seconds(TimeSpan span) => Math.Max(span > TimeSpan.Zero ? 1 : 0, (long)Math.Ceiling(span.TotalSeconds));
}
