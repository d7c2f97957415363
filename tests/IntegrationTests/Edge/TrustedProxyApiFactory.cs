using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Edge;

/// <summary>
/// An API that trusts the proxy 10.0.0.0/24. The test server has no real peer, so the outermost test
/// middleware takes the peer address from <c>X-Test-Peer</c> and reports, when the response starts, the
/// client address and scheme the pipeline settled on (what the per-IP limiter will read).
/// </summary>
public sealed class TrustedProxyApiFactory : OrchestratorApiFactory
{
    public const string PeerHeader = "X-Test-Peer";
    public const string ClientIpHeader = "X-Test-Client-Ip";
    public const string SchemeHeader = "X-Test-Scheme";

    public TrustedProxyApiFactory() => With("RateLimiting:TrustedProxies:0", "10.0.0.0/24");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddressStartupFilter>());
    }

    private sealed class PeerAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].ToString());
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[ClientIpHeader] = context.Connection.RemoteIpAddress?.ToString();
                    context.Response.Headers[SchemeHeader] = context.Request.Scheme;
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
