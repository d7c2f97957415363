using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Orchestrator.IntegrationTests.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, in the test process) that verifies every request's signature with the
/// StandardWebhooks library and records it. It can answer with any status, be stopped (down) and started again on
/// the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    /// <summary>The URL to subscribe; its host is the one tests list in Webhooks:AllowedHosts.</summary>
    public string Url => $"http://127.0.0.1:{Port}/hooks";

    /// <summary>The subscription's secret, set once the API returned it; until then nothing verifies.</summary>
    public string? Secret { get; set; }

    /// <summary>The status each request is answered with (200 unless a test says otherwise).</summary>
    public Func<ReceivedWebhook, int> Answer { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>How long the receiver takes before it answers (a slow or hanging receiver).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Headers added to every answer (a redirect's Location).</summary>
    public Dictionary<string, string> AnswerHeaders { get; } = [];

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Connections accepted, requests or not: a refused delivery must not even connect.</summary>
    public int Connections => _connections;

    private int _connections;

    /// <summary>A receiver that is down: its port is reserved for it, nothing listens until <see cref="StartAsync"/>.</summary>
    public static WebhookReceiver Down() => new(FreePort());

    public static async Task<WebhookReceiver> ListeningAsync()
    {
        var receiver = Down();
        await receiver.StartAsync();
        return receiver;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Use(next => connection =>
        {
            Interlocked.Increment(ref _connections);
            return next(connection);
        })));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public IReadOnlyList<ReceivedWebhook> OfType(string type) => [.. Received.Where(r => r.Path == "/hooks" && r.Type == type)];

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        string? error = null;
        try
        {
            new StandardWebhook(Secret ?? throw new WebhookVerificationException("no secret known yet")).Verify(body, context.Request.Headers);
        }
        catch (WebhookVerificationException exception)
        {
            error = exception.Message;
        }

        var received = new ReceivedWebhook(
            context.Request.Path,
            context.Request.Headers["webhook-id"],
            context.Request.Headers["webhook-timestamp"],
            context.Request.Headers["webhook-signature"],
            body,
            error,
            DateTimeOffset.UtcNow);
        Received.Enqueue(received);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        context.Response.StatusCode = Answer(received);
        foreach (var (name, value) in AnswerHeaders)
        {
            context.Response.Headers[name] = value;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
