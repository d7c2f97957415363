using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.WebApi.Middleware;

/// <summary>
/// Believes <c>X-Forwarded-For</c> only from the peers in <c>RateLimiting:TrustedProxies</c>. The framework's
/// defaults (loopback trusted) are cleared, and with no trusted proxy the middleware is not added at all:
/// with empty lists it would believe every peer.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedProxyForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = TrustedProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return services;
    }

    public static WebApplication UseTrustedProxyForwarding(this WebApplication app)
    {
        if (TrustedProxies(app.Configuration).Length > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IPAddress[] TrustedProxies(IConfiguration configuration) =>
        (configuration.GetSection($"{RateLimitingOptions.SectionName}:{nameof(RateLimitingOptions.TrustedProxies)}").Get<string[]>() ?? [])
            .Select(IPAddress.Parse)
            .ToArray();
}
