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

    /// <summary>The endpoint override in force: <see cref="ServiceUrl"/>, else the <c>AWS_ENDPOINT_URL</c> environment variable.</summary>
    public string? EffectiveServiceUrl() =>
        !string.IsNullOrWhiteSpace(ServiceUrl) ? ServiceUrl : NullIfBlank(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
