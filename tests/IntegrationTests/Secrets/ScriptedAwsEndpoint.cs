using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.IntegrationTests.Secrets;

/// <summary>
/// A local HTTP endpoint that answers Secrets Manager calls from a script (status and JSON body per call), for
/// what moto cannot do: throttle, deny access. Records every request it receives.
/// </summary>
public sealed class ScriptedAwsEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedAwsRequest, (HttpStatusCode Status, string Body)> _respond;
    private readonly Task _serving;

    /// <summary>Answers the scripted replies in order, then <paramref name="afterScript"/> to every further call.</summary>
    public ScriptedAwsEndpoint(IEnumerable<(HttpStatusCode Status, string Body)> script, (HttpStatusCode, string) afterScript)
        : this(Replay(new Queue<(HttpStatusCode, string)>(script), afterScript))
    {
    }

    /// <summary>Answers each call as <paramref name="respond"/> decides from the request.</summary>
    public ScriptedAwsEndpoint(Func<RecordedAwsRequest, (HttpStatusCode Status, string Body)> respond)
    {
        _respond = respond;
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<RecordedAwsRequest> Requests { get; } = new();

    public static string Throttling => """{"__type":"ThrottlingException","message":"Rate exceeded"}""";

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync: that is how serving stops.
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new RecordedAwsRequest(
                context.Request.Headers["X-Amz-Target"],
                context.Request.Headers["Authorization"],
                await reader.ReadToEndAsync());
            Requests.Enqueue(request);
            var answer = _respond(request);

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = (int)answer.Status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static Func<RecordedAwsRequest, (HttpStatusCode, string)> Replay(Queue<(HttpStatusCode, string)> script, (HttpStatusCode, string) afterScript) =>
        _ =>
        {
            lock (script)
            {
                return script.Count > 0 ? script.Dequeue() : afterScript;
            }
        };

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
