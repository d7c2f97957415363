namespace Orchestrator.Domain.Resources;

/// <summary>
/// The type-specific settings of a resource. Only the fields of the resource's own type are set:
/// ec2 {InstanceType, ImageId}, rds {Engine, InstanceClass, AllocatedStorage}, s3 {Versioning}.
/// </summary>
public sealed record ResourceSpec
{
    public string? InstanceType { get; init; }

    public string? ImageId { get; init; }

    public string? Engine { get; init; }

    public string? InstanceClass { get; init; }

    public int? AllocatedStorage { get; init; }

    public bool? Versioning { get; init; }
}
