using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// A local HTTP endpoint that answers AWS calls from a script (status and body per call), for what
/// moto cannot do: throttle, fail with 5xx, deny access. Records every request it receives.
/// </summary>
public sealed class ScriptedAwsEndpoint : IDisposable
{
    /// <summary>The JSON protocol's media type (Secrets Manager); Query-protocol services answer XML.</summary>
    public const string JsonProtocol = "application/x-amz-json-1.1";
    public const string QueryProtocol = "text/xml";

    private readonly HttpListener _listener = new();
    private readonly Func<RecordedAwsRequest, (HttpStatusCode Status, string Body)> _respond;
    private readonly string _contentType;
    private readonly Task _serving;

    /// <summary>Answers the scripted replies in order, then a 500 to any call the script did not foresee.</summary>
    public ScriptedAwsEndpoint(string contentType, params (HttpStatusCode Status, string Body)[] script)
        : this(Replay(new Queue<(HttpStatusCode, string)>(script), (HttpStatusCode.InternalServerError, "script exhausted")), contentType)
    {
    }

    /// <summary>Answers the scripted replies in order, then <paramref name="afterScript"/> to every further call.</summary>
    public ScriptedAwsEndpoint(IEnumerable<(HttpStatusCode Status, string Body)> script, (HttpStatusCode, string) afterScript)
        : this(Replay(new Queue<(HttpStatusCode, string)>(script), afterScript), JsonProtocol)
    {
    }

    /// <summary>Answers each call as <paramref name="respond"/> decides from the request.</summary>
    public ScriptedAwsEndpoint(Func<RecordedAwsRequest, (HttpStatusCode Status, string Body)> respond, string contentType = JsonProtocol)
    {
        _respond = respond;
        _contentType = contentType;
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
                await reader.ReadToEndAsync(),
                context.Request.HttpMethod,
                context.Request.Url?.PathAndQuery ?? string.Empty,
                context.Request.Headers["x-amz-expected-bucket-owner"]);
            Requests.Enqueue(request);
            var answer = _respond(request);

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = (int)answer.Status;
            context.Response.ContentType = _contentType;
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
