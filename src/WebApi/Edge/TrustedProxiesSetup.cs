using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Orchestrator.WebApi.Edge;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only when the direct peer is listed in
/// <c>RateLimiting:TrustedProxies</c> (addresses or CIDR networks). The framework's loopback defaults are
/// cleared: with none listed, the headers are ignored and the peer address is the client address that
/// the per-IP limiter reads from <c>HttpContext.Connection.RemoteIpAddress</c>.
/// </summary>
public static class TrustedProxiesSetup
{
    public const string ConfigurationKey = "RateLimiting:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(ConfigurationKey).Get<string[]>() ?? [];
        var networks = entries.Select(Parse).ToArray();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // Walk back through every trusted hop; the walk stops at the first address that is not trusted.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>
    /// Adds the forwarded-headers middleware only when some proxy is trusted: with both trust lists
    /// empty, the middleware would believe every peer.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if ((app.Configuration.GetSection(ConfigurationKey).Get<string[]>() ?? []).Length > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static System.Net.IPNetwork Parse(string entry)
    {
        var text = entry.Trim();
        if (System.Net.IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new InvalidOperationException(
            $"{ConfigurationKey} contains '{entry}', which is neither an IP address (10.0.0.5) nor a CIDR network (10.0.0.0/8).");
    }
}
