namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>The in-process simulator (configuration section <c>Cloud:Sandbox</c>).</summary>
public sealed class SandboxCloudOptions
{
    public const string SectionName = "Cloud:Sandbox";

    /// <summary>How long a new EC2 instance stays <c>pending</c> and a new DB instance <c>creating</c>; buckets are ready at once.</summary>
    public TimeSpan ProvisionDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an instance stays <c>shutting-down</c> / <c>deleting</c>.</summary>
    public TimeSpan DeletionDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Failure injection: creating resources with these names is refused for good (the resource ends <c>failed</c>, s3 with
    /// <c>cloud.name-taken</c>, ec2 and rds with <c>cloud.limit-exceeded</c>); deleting them works.
    /// </summary>
    public List<string> FailingNames { get; set; } = [];

    /// <summary>Failure injection: the first N calls for each resource fail as a throttled request would.</summary>
    public int TransientFailuresPerResource { get; set; }
}
