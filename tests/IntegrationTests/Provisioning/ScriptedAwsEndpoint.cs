using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// A local HTTP endpoint that answers with a script of (status, body) pairs, one per request, and
/// records what it received: throttling and 5xx answers that moto cannot give.
/// </summary>
public sealed class ScriptedAwsEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(HttpStatusCode Status, string Body)> _script;
    private readonly Task _serving;

    public ScriptedAwsEndpoint(params (HttpStatusCode Status, string Body)[] script)
    {
        _script = new ConcurrentQueue<(HttpStatusCode, string)>(script);
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Each request as received: its Authorization header and its body.</summary>
    public ConcurrentQueue<(string? Authorization, string Body)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            Requests.Enqueue((context.Request.Headers["Authorization"], await reader.ReadToEndAsync()));
            var (status, body) = _script.TryDequeue(out var next) ? next : (HttpStatusCode.InternalServerError, "<Error>script exhausted</Error>");
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
