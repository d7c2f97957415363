namespace Orchestrator.Application.Retention;

/// <summary>The retention purge (configuration section <c>Retention</c>; docs/operating.md, "Retention").</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>An idempotency record answers retries for 24 hours; it must not be purged sooner.</summary>
    public static readonly TimeSpan MinimumIdempotencyAge = TimeSpan.FromHours(24);

    /// <summary>Run the purge worker in this instance (the lease lets one instance at a time purge).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time from the end of one purge to the start of the next.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one DELETE removes: each batch is its own short transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a claimed purge stays with its instance; renewed after every batch, taken over after a crash.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Idempotency records older than this are deleted.</summary>
    public TimeSpan IdempotencyAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Ended sessions' refresh-token rows are kept this long after the session ended (absolute expiry or revocation).</summary>
    public TimeSpan SessionAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Finished provisioning jobs (succeeded or failed) older than this are deleted.</summary>
    public TimeSpan JobAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Webhook events fanned out longer ago than this, with no attempt still due, are deleted with their attempts.</summary>
    public TimeSpan DeliveredEventAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Audit events older than this many days are deleted; unset (the default) keeps them for ever.</summary>
    public int? AuditDays { get; set; }
}
