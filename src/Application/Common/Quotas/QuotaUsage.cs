using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Common.Quotas;

/// <summary>
/// One quota of one user as the quota gate would judge the next creation now: <see cref="Window"/> is the
/// rolling window of a creation log (ec2, rds), null for a count of live resources (s3).
/// </summary>
public sealed record QuotaUsage(ResourceType Type, string Name, int Limit, int Used, TimeSpan? Window)
{
    /// <summary>Creations left before the next one is refused; never negative (a lowered limit can leave a user above it).</summary>
    public int Remaining => Math.Max(Limit - Used, 0);
}
