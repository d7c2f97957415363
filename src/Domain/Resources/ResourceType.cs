namespace Orchestrator.Domain.Resources;

public enum ResourceType
{
    Ec2,
    S3,
    Rds,
}
