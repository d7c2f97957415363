using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>Configuration section <c>RateLimiting</c>: the per-client-IP request limit.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Set to false only to measure the limiter's cost; every other deployment keeps it on.</summary>
    public bool Enabled { get; set; } = true;

    public int PermitsPerMinute { get; set; } = 100;

    /// <summary>Peers whose <c>X-Forwarded-For</c> is believed; from anyone else it is ignored.</summary>
    public string[] TrustedProxies { get; set; } = [];

    public RatePolicy ToPolicy() => new(PermitsPerMinute, TimeSpan.FromMinutes(1));
}
