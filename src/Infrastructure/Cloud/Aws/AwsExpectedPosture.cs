using Microsoft.Extensions.Options;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>The Aws provider's enforced settings: the common expected values with <c>Cloud:Aws:Rds</c>'s pinned version and retention.</summary>
public sealed class AwsExpectedPosture(IOptions<AwsCloudOptions> options) : IExpectedPosture
{
    public IReadOnlyList<PostureSetting> For(ResourceType type, ResourceSpec spec, bool deletionProtection) => type switch
    {
        ResourceType.Ec2 => ExpectedPosture.Ec2(),
        ResourceType.S3 => ExpectedPosture.S3(spec.Versioning != false),
        ResourceType.Rds => Rds(options.Value, RdsCloudProvider.EngineOf(spec), deletionProtection),
        _ => [],
    };

    /// <summary>An engine without a pinned version is refused at launch; until then its version is shown empty.</summary>
    public static IReadOnlyList<PostureSetting> Rds(AwsCloudOptions options, string engine, bool deletionProtection) =>
        ExpectedPosture.Rds(options.Rds.PinnedVersion(engine) ?? string.Empty, options.Rds.BackupRetentionDays, deletionProtection);
}
