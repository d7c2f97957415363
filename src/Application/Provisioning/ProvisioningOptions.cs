namespace Orchestrator.Application.Provisioning;

/// <summary>The provisioning worker (configuration section <c>Provisioning</c>).</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>Off only for hosts that must not touch the cloud (tests that assert the states a request leaves behind).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the worker looks for due jobs, and how long it first waits before asking the cloud again about a resource in progress.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two looks at a resource in progress; the wait grows from <see cref="PollInterval"/> to it (<see cref="PollBackoff"/>).</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed job stays with its worker; a crashed worker's jobs are taken over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Transient failures after which a job gives up and the resource becomes <c>failed</c>.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; each further attempt doubles it (with jitter), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Jobs one worker claims per round; a round commits twice however many it holds (before and after the cloud calls),
    /// so a larger batch works a backlog faster on a database whose commits are slow (docs/decisions/0037-batched-worker-and-bounded-scans.md).
    /// </summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Cloud calls one worker makes at once within a round.</summary>
    public int Parallelism { get; set; } = 8;
}
