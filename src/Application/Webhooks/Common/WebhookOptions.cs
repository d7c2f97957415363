namespace Orchestrator.Application.Webhooks.Common;

/// <summary>Webhook targets and deliveries (configuration section <c>Webhooks</c>; docs/decisions/0031-events-and-webhooks.md).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Hosts (names or addresses, as written in a URL, no port) that may be non-public or plain http anyway.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Attempts per event and subscription, the first included; the last failure is final.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The delay before the first retry; each later one is four times the one before (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The whole attempt: connecting, sending, and the receiver's status line and headers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the worker looks for new events and due attempts when nothing in this process woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claimed attempt stays with its worker; a crashed worker's attempts are taken over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events fanned out, and attempts claimed, per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Attempts one instance makes at once; each waits on a receiver, so this bounds sockets, not CPU.</summary>
    public int MaxConcurrentAttempts { get; set; } = 32;

    /// <summary>Attempts in flight to one subscription at once, so a slow receiver takes a few of the slots, never all.</summary>
    public int MaxConcurrentAttemptsPerSubscription { get; set; } = 4;

    /// <summary>Subscriptions the service keeps at most: each event is matched against all of them.</summary>
    public int MaxSubscriptions { get; set; } = 100;
}
