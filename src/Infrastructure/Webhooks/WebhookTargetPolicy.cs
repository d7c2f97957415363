using System.Net;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Webhooks.Common;

namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// The rule for webhook targets, checked at registration and again on every connection: https, no credentials in the
/// URL, and only public addresses, unless the host as written is in <c>Webhooks:AllowedHosts</c> (decision 0031).
/// </summary>
public sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options, IHostAddressResolver resolver) : IWebhookTargetPolicy
{
    /// <summary>A registration does not wait longer than this for DNS; a name that does not resolve now may later, and is checked then.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "'url' must not carry a user name or password; authenticate the sender by the webhook signature.";
        }

        if (url.Scheme is not ("https" or "http"))
        {
            return "'url' must be an https URL.";
        }

        var host = HostOf(url);
        if (IsAllowed(host))
        {
            return null;
        }

        if (url.Scheme != "https")
        {
            return "'url' must be https (plain http only for a host listed in Webhooks:AllowedHosts).";
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return PublicAddresses.IsPublic(literal) ? null : NotPublic(literal);
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            addresses = await resolver.ResolveAsync(host, timeout.Token);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or OperationCanceledException or ArgumentException
            && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return addresses.FirstOrDefault(a => !PublicAddresses.IsPublic(a)) is { } refused
            ? $"'url' names a host that resolves to a non-public address ({refused}); webhooks go to public addresses only."
            : null;
    }

    /// <summary>True when configuration lists the host (a name case-insensitively, an address in any spelling of it).</summary>
    public bool IsAllowed(string host)
    {
        foreach (var allowed in options.Value.AllowedHosts)
        {
            var candidate = allowed.Trim().Trim('[', ']');
            if (string.Equals(candidate, host, StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(candidate, out var a) && IPAddress.TryParse(host, out var b) && a.Equals(b)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The host as the URL writes it, an IPv6 address without its brackets.</summary>
    public static string HostOf(Uri url) => url.Host.Trim('[', ']');

    public static string NotPublic(IPAddress address) =>
        $"'url' names a non-public address ({address}); webhooks go to public addresses only, unless Webhooks:AllowedHosts lists the host.";
}
