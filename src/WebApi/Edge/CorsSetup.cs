using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Orchestrator.WebApi.Edge;

/// <summary>
/// CORS for browser clients: only the configured origins, with credentials, preflights cached for an
/// hour. A wildcard origin together with credentials would let any site act as a signed-in user, so a
/// configuration asking for it stops the start-up instead of being "fixed" quietly.
/// </summary>
public static class CorsSetup
{
    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromHours(1);

    private static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly string[] AllowedHeaders =
        [HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, "Idempotency-Key"];

    // Headers a browser script may read besides the CORS-safelisted ones.
    private static readonly string[] ExposedHeaders =
        [HeaderNames.Location, HeaderNames.ETag, HeaderNames.RetryAfter, HeaderNames.WWWAuthenticate, "RateLimit", "RateLimit-Policy"];

    /// <summary>
    /// Every answer may carry CORS headers that depend on the request's Origin (an allowed origin is echoed,
    /// another gets none), so caches must key on it. The CORS service says so only when it allows several
    /// origins; this says it always, errors and preflights included.
    /// </summary>
    public static void VaryByOrigin(IHeaderDictionary headers)
    {
        var vary = headers.Vary;
        foreach (var value in vary)
        {
            if (value is not null && value.Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        headers.Vary = Microsoft.Extensions.Primitives.StringValues.Concat(vary, HeaderNames.Origin);
    }

    public static IServiceCollection AddOrchestratorCors(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(CorsSettings.SectionName).Get<CorsSettings>() ?? new CorsSettings();
        var origins = Validate(settings.EffectiveOrigins);

        services.AddCors(options => options.AddDefaultPolicy(new CorsPolicyBuilder()
            .WithOrigins(origins)
            .AllowCredentials()
            .WithMethods(AllowedMethods)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(PreflightMaxAge)
            .Build()));
        return services;
    }

    private static string[] Validate(IReadOnlyList<string> origins)
    {
        foreach (var origin in origins)
        {
            if (origin.Contains('*', StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Cors:AllowedOrigins contains '{origin}'. Credentials are allowed for CORS, and a wildcard origin together with "
                    + "credentials would let any web site call the API as its signed-in users. List each origin explicitly, "
                    + "for example \"https://app.example.com\".");
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo) || origin.EndsWith('/'))
            {
                throw new InvalidOperationException(
                    $"Cors:AllowedOrigins contains '{origin}', which is not an origin. An origin is a scheme, a host and an optional "
                    + "port, with no path and no trailing slash, for example \"https://app.example.com\".");
            }
        }

        return [.. origins];
    }
}
