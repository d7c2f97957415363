namespace Orchestrator.Application.Common.Quotas;

/// <summary>Per-user quotas (configuration section <c>Quotas</c>).</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    /// <summary>EC2 creations in any rolling hour.</summary>
    public int Ec2PerHour { get; set; } = 10;

    /// <summary>RDS creations in any rolling hour.</summary>
    public int RdsPerHour { get; set; } = 5;

    /// <summary>Live S3 buckets at any time; a deletion frees a slot.</summary>
    public int S3Buckets { get; set; } = 100;
}
