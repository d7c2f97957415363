namespace Orchestrator.Application.Provisioning;

/// <summary>The keys of a resource's <c>outputs</c> per type (what the owner needs to use it, never a secret).</summary>
public static class ResourceOutputs
{
    public static class Ec2
    {
        public const string InstanceId = "instanceId";
        public const string PrivateIpAddress = "privateIpAddress";
        public const string SubnetId = "subnetId";
        public const string SecurityGroupId = "securityGroupId";
    }

    public static class S3
    {
        public const string Bucket = "bucket";
        public const string Arn = "arn";
        public const string RegionalDomainName = "regionalDomainName";
    }

    public static class Rds
    {
        public const string Endpoint = "endpoint";
        public const string Port = "port";
        public const string EngineVersion = "engineVersion";
        public const string MasterUserSecretArn = "masterUserSecretArn";
    }
}
