using Microsoft.Net.Http.Headers;

namespace Orchestrator.WebApi.Edge;

/// <summary>
/// Puts the security headers on every response, whoever writes it: they are applied when the response
/// starts, so answers from the exception handler, status-code pages, authentication (401), the body
/// limit (413) and the limiters (429) carry them too, even after a handler cleared the headers.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state => Apply((HttpContext)state), context);
        return next(context);
    }

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var swaggerUi = context.Request.Path.StartsWithSegments(ContentSecurityPolicies.SwaggerPathPrefix, StringComparison.OrdinalIgnoreCase);

        headers.XContentTypeOptions = SecurityHeaderValues.ContentTypeOptions;
        headers.XFrameOptions = SecurityHeaderValues.FrameOptions;
        headers.StrictTransportSecurity = SecurityHeaderValues.StrictTransportSecurity;
        headers.XXSSProtection = SecurityHeaderValues.XssProtection;
        headers["Referrer-Policy"] = SecurityHeaderValues.ReferrerPolicy;
        headers.ContentSecurityPolicy = swaggerUi ? ContentSecurityPolicies.SwaggerUi : ContentSecurityPolicies.Api;
        headers.Remove(HeaderNames.Server);
        CorsSetup.VaryByOrigin(headers);

        // Anything answered to credentials may be personal and must not sit in a shared or browser cache;
        // API answers are never worth caching. Only Swagger UI's anonymous static files keep their caching.
        if (!swaggerUi || CarriesCredentials(context))
        {
            headers.CacheControl = SecurityHeaderValues.NoStore;
        }

        return Task.CompletedTask;
    }

    private static bool CarriesCredentials(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true || context.Request.Headers.Authorization.Count > 0;
}
