using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Orchestrator.WebApi.Errors;

/// <summary>
/// Gives every problem a <c>detail</c>: the ones written without one (status-code pages for 401, 404, 405;
/// routing's 415) get a sentence saying what went wrong and what to do.
/// Runs for every problem the problem-details service writes.
/// </summary>
public static class ProblemDetailDefaults
{
    public static void Fill(HttpContext context, ProblemDetails problem)
    {
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        problem.Detail = problem.Status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read; check its syntax against the API description at /swagger.",
            StatusCodes.Status401Unauthorized => BearerChallengeProblem.DetailFor(context),
            StatusCodes.Status403Forbidden => "Your role, or the resource's policy, does not allow this request.",
            StatusCodes.Status404NotFound => "Nothing is served at this path; the API description at /swagger lists every route.",
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(context),
            StatusCodes.Status406NotAcceptable => "This operation answers application/json (errors application/problem+json); accept one of them.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large for this operation.",
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(context),
            StatusCodes.Status429TooManyRequests => "Too many requests; wait for the number of seconds in Retry-After.",
            >= 500 => "The request could not be completed; quote the traceId when reporting this.",
            _ => "The request could not be completed as sent; see the API description at /swagger.",
        };
    }

    private static string MethodNotAllowed(HttpContext context)
    {
        var allow = context.Response.Headers[HeaderNames.Allow].ToString();
        return string.IsNullOrEmpty(allow)
            ? $"{context.Request.Method} is not allowed at this path."
            : $"{context.Request.Method} is not allowed at this path; the Allow header lists the methods that are: {allow}.";
    }

    private static string UnsupportedMediaType(HttpContext context)
    {
        var accepted = context.Request.Path.StartsWithSegments("/token", StringComparison.OrdinalIgnoreCase)
            ? "application/x-www-form-urlencoded"
            : "application/json";
        return string.IsNullOrEmpty(context.Request.ContentType)
            ? $"This operation needs a body sent as {accepted}; no Content-Type was sent."
            : $"This operation does not accept a body of this Content-Type; send {accepted}.";
    }
}
