using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// A redis-server of a test's own on a free loopback port, which the test may stop and start again on the
/// same port (the shared test Redis must never be stopped).
/// </summary>
public sealed class ThrowawayRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private Process? _process;

    private ThrowawayRedis(int port) => Port = port;

    public int Port { get; }

    // Generous timeouts: the suite runs on two busy cores, and a slow answer is not the outage under test.
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=5000,asyncTimeout=3000,syncTimeout=3000";

    public static async Task<ThrowawayRedis> StartAsync()
    {
        var redis = new ThrowawayRedis(FreePort());
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on the same port and returns once it accepts connections.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start; is it installed?");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server, as a crash or a network cut would look to the API.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
