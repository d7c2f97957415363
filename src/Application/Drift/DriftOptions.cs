namespace Orchestrator.Application.Drift;

/// <summary>Scheduled drift checks (configuration section <c>Drift</c>).</summary>
public sealed class DriftOptions
{
    public const string SectionName = "Drift";

    /// <summary>How often each active resource is compared with the cloud.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    public DriftMode Mode { get; set; } = DriftMode.Detect;

    /// <summary>Cloud calls drift checks may make per minute in one region (a token bucket holding one minute's worth).</summary>
    public int MaxCallsPerMinutePerRegion { get; set; } = 600;

    /// <summary>Due resources one round reads from the table and checks.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed check stays with its worker; a crashed worker's checks are due again after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the worker looks for due checks when the last round found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
