namespace Orchestrator.WebApi.Middleware;

/// <summary>
/// Answers requests that matched no endpoint (404) or only endpoints of other verbs (405 with Allow)
/// before authentication is demanded: the fallback "authenticated users only" policy would otherwise
/// turn every unknown URL into a 401. Neither answer reveals anything a token would protect.
/// </summary>
public sealed class UnmatchedRouteMiddleware(RequestDelegate next)
{
    // The display name routing gives its own 405 endpoint; there is no public marker for it.
    private const string MethodNotAllowedEndpointName = "405 HTTP Method Not Supported";

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (endpoint.DisplayName == MethodNotAllowedEndpointName)
        {
            // Run routing's own 405 endpoint: it sets the Allow header; status-code pages add the body.
            return endpoint.RequestDelegate!(context);
        }

        return next(context);
    }
}
