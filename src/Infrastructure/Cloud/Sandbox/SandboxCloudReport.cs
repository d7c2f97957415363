using System.Globalization;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Sandbox;

/// <summary>
/// What a finished Sandbox creation reports: outputs of the shape an AWS resource has (with plausible, made-up
/// ids derived from the resource id) and every enforced posture setting as it should be, so that the embedded
/// default shows users what the Aws provider gives them.
/// </summary>
internal static class SandboxCloudReport
{
    // The documentation account id AWS uses in its examples: the Sandbox has no account.
    private const string AccountId = "123456789012";

    public static IReadOnlyDictionary<string, string> Outputs(CloudResource resource)
    {
        var hex = resource.ResourceId.ToString("N");
        var bytes = resource.ResourceId.ToByteArray();
        return resource.Type switch
        {
            ResourceType.Ec2 => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ResourceOutputs.Ec2.InstanceId] = $"i-{hex[^17..]}",
                [ResourceOutputs.Ec2.PrivateIpAddress] = string.Create(CultureInfo.InvariantCulture, $"10.0.{bytes[0]}.{Math.Max((int)bytes[1], 4)}"),
                [ResourceOutputs.Ec2.SubnetId] = $"subnet-{hex[..17]}",
                [ResourceOutputs.Ec2.SecurityGroupId] = $"sg-{hex[8..25]}",
            },
            ResourceType.S3 => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ResourceOutputs.S3.Bucket] = resource.DeterministicName,
                [ResourceOutputs.S3.Arn] = $"arn:aws:s3:::{resource.DeterministicName}",
                [ResourceOutputs.S3.RegionalDomainName] = $"{resource.DeterministicName}.s3.{resource.Region}.amazonaws.com",
            },
            _ => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ResourceOutputs.Rds.Endpoint] = $"{resource.DeterministicName}.{hex[..12]}.{resource.Region}.rds.amazonaws.com",
                [ResourceOutputs.Rds.Port] = IsMySql(resource.Spec) ? "3306" : "5432",
                [ResourceOutputs.Rds.EngineVersion] = EngineVersion(resource.Spec),
                [ResourceOutputs.Rds.MasterUserSecretArn] =
                    $"arn:aws:secretsmanager:{resource.Region}:{AccountId}:secret:rds-master-{hex}-{hex[^6..]}",
            },
        };
    }

    /// <summary>Every setting of the type's posture with its enforced value, read back as that value.</summary>
    public static IReadOnlyList<PostureSetting> Posture(CloudResource resource) =>
        [.. SandboxExpectedPosture.Of(resource.Type, resource.Spec, resource.DeletionProtection).Select(setting => setting with { Actual = setting.Expected })];

    private static bool IsMySql(ResourceSpec spec) =>
        spec.Engine is { } engine && engine.Contains("mysql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The version the Sandbox reports for a DB instance of this spec.</summary>
    public static string EngineVersion(ResourceSpec spec) => IsMySql(spec) ? "8.0.39" : "16.4";
}
