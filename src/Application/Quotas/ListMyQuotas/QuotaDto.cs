using System.Xml;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Quotas.ListMyQuotas;

/// <summary>One quota as the next creation of that type would meet it now.</summary>
/// <param name="Type" example="ec2">The resource type: ec2, s3 or rds.</param>
/// <param name="Limit" example="10">Creations per window (ec2, rds) or live buckets (s3) allowed (<c>Quotas:*</c>).</param>
/// <param name="Used" example="2">Creations in the last rolling window, or buckets neither deleting nor deleted.</param>
/// <param name="Remaining" example="8">Limit minus used, never below 0: at 0 the next creation of this type is refused with 429.</param>
/// <param name="Window" example="PT1H">PT1H (an ISO 8601 duration: a rolling hour, a sliding log) for ec2 and rds; live for s3 (a count of live buckets).</param>
public sealed record QuotaDto(string Type, int Limit, int Used, int Remaining, string Window)
{
    /// <summary>The window of a count of live resources rather than of creations.</summary>
    public const string LiveWindow = "live";

    public static QuotaDto From(QuotaUsage usage) => new(
        ResourceWireNames.Of(usage.Type),
        usage.Limit,
        usage.Used,
        usage.Remaining,
        usage.Window is { } window ? XmlConvert.ToString(window) : LiveWindow);
}
