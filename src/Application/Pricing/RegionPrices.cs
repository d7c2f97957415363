namespace Orchestrator.Application.Pricing;

/// <summary>One region's prices in the table's currency: hourly for instances, per GB-month for storage.</summary>
public sealed record RegionPrices
{
    /// <summary>Linux on-demand price per hour, by ec2 instance type.</summary>
    public required IReadOnlyDictionary<string, decimal> Ec2InstanceHourly { get; init; }

    /// <summary>EBS gp3 storage per GB-month (an instance's root volume).</summary>
    public required decimal EbsGp3PerGbMonth { get; init; }

    /// <summary>Single-AZ on-demand price per hour, by engine then DB instance class.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> RdsInstanceHourly { get; init; }

    /// <summary>RDS General Purpose storage per GB-month.</summary>
    public required decimal RdsStoragePerGbMonth { get; init; }

    /// <summary>S3 Standard storage per GB-month (the first 50 TB).</summary>
    public required decimal S3StandardPerGbMonth { get; init; }
}
