using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// The in-memory test server has no TCP peer; this sets the connection's remote address from the
/// <see cref="Header"/> a test client sends, before any of the API's own middleware runs, as a socket would.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    private static int _nextPeer;

    /// <summary>A fresh address, so that each test client has a per-IP budget of its own unless it asks otherwise.</summary>
    public static string Next()
    {
        var n = Interlocked.Increment(ref _nextPeer);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]).ToString();
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return following(context);
        });
        next(app);
    };
}
