using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>The Sandbox's enforced settings: the common expected values, with the engine versions it reports for rds.</summary>
public sealed class SandboxExpectedPosture : IExpectedPosture
{
    public IReadOnlyList<PostureSetting> For(ResourceType type, ResourceSpec spec, bool deletionProtection) => Of(type, spec, deletionProtection);

    public static IReadOnlyList<PostureSetting> Of(ResourceType type, ResourceSpec spec, bool deletionProtection) => type switch
    {
        ResourceType.Ec2 => ExpectedPosture.Ec2(),
        ResourceType.S3 => ExpectedPosture.S3(spec.Versioning != false),
        ResourceType.Rds => ExpectedPosture.Rds(SandboxCloudReport.EngineVersion(spec), ExpectedPosture.MinimumBackupRetentionDays, deletionProtection),
        _ => [],
    };
}
