using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Webhooks.Common;
using Orchestrator.Application.Webhooks.Delivery;
using StandardWebhooks;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// Sends an attempt signed by the Standard Webhooks library (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>), through a client that connects only where the target policy allows, follows no redirect,
/// uses no proxy, gives up after <c>Webhooks:Timeout</c> and reads nothing of the answer but its status line and headers.
/// </summary>
public sealed class SigningWebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _clock;
    private readonly IOptions<WebhookOptions> _options;

    public SigningWebhookSender(PublicAddressConnector connector, TimeProvider clock, IOptions<WebhookOptions> options)
    {
        _clock = clock;
        _options = options;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            ConnectTimeout = options.Value.ConnectTimeout,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,

            // New connections are checked again; a long-lived one would keep an address a name no longer resolves to.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 16,
            MaxResponseDrainSize = 4096,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookSendResult> SendAsync(Uri url, string secret, string messageId, string payload, CancellationToken cancellationToken)
    {
        var timestamp = _clock.GetUtcNow();
        var signature = new StandardWebhook(secret).Sign(messageId, timestamp, payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Orchestrator-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Value.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new WebhookSendResult(status, status is >= 200 and <= 299 ? null : $"the receiver answered {status}");
        }
        catch (HttpRequestException exception)
        {
            return new WebhookSendResult(null, Describe(exception));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"no answer within {_options.Value.Timeout.TotalSeconds:0.#} seconds");
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(HttpRequestException exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookTargetRefusedException refused)
            {
                return "refused: " + refused.Message;
            }
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name did not resolve",
            HttpRequestError.ConnectionError => "the receiver could not be reached",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed",
            _ => "the request failed (" + exception.HttpRequestError + ")",
        };
    }
}
