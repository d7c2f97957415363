namespace Orchestrator.Application.Lifecycle;

/// <summary>Expiry of resources (configuration section <c>Lifecycle</c>).</summary>
public sealed class LifecycleOptions
{
    public const string SectionName = "Lifecycle";

    /// <summary>The latest <c>expiresAt</c> a request may set, from now; unset: no limit.</summary>
    public TimeSpan? MaxLifetime { get; set; }

    /// <summary>How long before its expiry a resource gets its <c>resource.expiring</c> event.</summary>
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the expiry scan looks for due resources.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a protected resource past its expiry is warned again (and its blocked expiry audited).</summary>
    public TimeSpan BlockedExpiryRecheck { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Due resources one scan claims per batch; a scan works batches until nothing is due.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed resource stays with the scan that claimed it; a crashed scan's claims are due again after it.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);
}
