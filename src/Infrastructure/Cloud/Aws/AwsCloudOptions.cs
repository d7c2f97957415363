namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>The AWS adapters (configuration section <c>Cloud:Aws</c>).</summary>
public sealed class AwsCloudOptions
{
    public const string SectionName = "Cloud:Aws";

    /// <summary>An emulator or private endpoint for every service; unset: <c>AWS_ENDPOINT_URL</c>, else AWS's own endpoints.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Retries of throttled, 5xx and timed-out calls inside one provisioning step (SDK standard mode, RDS resilience pipeline).</summary>
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>Delete RDS instances without a final snapshot. Off by default: a deleted database leaves <c>&lt;identifier&gt;-final</c>.</summary>
    public bool SkipFinalSnapshot { get; set; }

    /// <summary>The first delay of the RDS client's retries; each retry doubles it, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time limit of one RDS call attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string DbMasterUsername { get; set; } = "orchestrator";

    /// <summary>Network placement per region (<c>Cloud:Aws:Network:&lt;region&gt;</c>); a region without one takes no ec2 or rds.</summary>
    public Dictionary<string, AwsNetworkPlacement> Network { get; set; } = new(StringComparer.Ordinal);

    public AwsImageOptions Images { get; set; } = new();

    public AwsRdsOptions Rds { get; set; } = new();

    /// <summary>How long answers that rarely change (account id, instance type offerings, default images) are kept.</summary>
    public TimeSpan LookupCacheDuration { get; set; } = TimeSpan.FromHours(1);

    public AwsNetworkPlacement? PlacementIn(string region) => Network.GetValueOrDefault(region);

    /// <summary>The endpoint override in force: <see cref="ServiceUrl"/>, else the <c>AWS_ENDPOINT_URL</c> environment variable.</summary>
    public string? EffectiveServiceUrl() =>
        !string.IsNullOrWhiteSpace(ServiceUrl) ? ServiceUrl : NullIfBlank(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
