using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>Configuration section <c>RateLimiting</c>: the per-client-IP request limit and the in-process limiter's size.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Set to false only to measure the limiter's cost; every other deployment keeps it on.</summary>
    public bool Enabled { get; set; } = true;

    public int PermitsPerMinute { get; set; } = 100;

    /// <summary>Peers whose <c>X-Forwarded-For</c> is believed; from anyone else it is ignored.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// IPv6 clients share one budget per network of this many leading bits (a /64 is one customer's LAN, and it
    /// holds 2^64 addresses); IPv4 clients have one each (docs/decisions/0020-bounded-limiter-memory.md).
    /// </summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// The most keys the in-process limiter holds per family (client networks, login usernames, user quotas): idle
    /// keys go first, then the least recently used (docs/decisions/0020-bounded-limiter-memory.md).
    /// </summary>
    public int MaxKeysInMemory { get; set; } = 10_000;

    public RatePolicy ToPolicy() => new(PermitsPerMinute, TimeSpan.FromMinutes(1));
}
