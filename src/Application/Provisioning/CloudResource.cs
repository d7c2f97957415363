using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// What a cloud provider needs to know about a resource, read from the stored resource at each step.
/// <see cref="ProviderId"/> is the cloud's id when a previous step learned it; providers can also
/// find the resource by its deterministic name.
/// </summary>
public sealed record CloudResource(
    Guid ResourceId,
    Guid OwnerId,
    ResourceType Type,
    string Name,
    string Region,
    ResourceSpec Spec,
    IReadOnlyDictionary<string, string> Tags,
    string? ProviderId)
{
    public const string ResourceIdTag = "orchestrator:resource-id";
    public const string OwnerIdTag = "orchestrator:owner-id";

    /// <summary>Left on a resource the service stopped managing (forget), with the value <c>true</c>.</summary>
    public const string OrphanedTag = "orchestrator:orphaned";

    /// <summary>The resource's deletion protection, set in the cloud where the type has one (rds); on unless said otherwise.</summary>
    public bool DeletionProtection { get; init; } = true;

    /// <summary>
    /// The name of the cloud resource (bucket name, DB instance identifier, EC2 client token), derived
    /// from the resource id alone so that a repeated create finds the first one instead of making a second.
    /// </summary>
    public string DeterministicName => $"orch-{ResourceId:N}";

    /// <summary>The user's tags plus the two the service owns (user tags cannot use the <c>orchestrator:</c> prefix).</summary>
    public IReadOnlyDictionary<string, string> CloudTags()
    {
        var tags = new Dictionary<string, string>(Tags, StringComparer.Ordinal)
        {
            [ResourceIdTag] = ResourceId.ToString(),
            [OwnerIdTag] = OwnerId.ToString(),
        };
        return tags;
    }

    public static CloudResource From(Resource resource, string? providerId) => new(
        resource.Id,
        resource.OwnerId,
        resource.Type,
        resource.Name,
        resource.Region,
        resource.Spec,
        resource.TagDictionary(),
        providerId ?? resource.ProviderId)
    {
        DeletionProtection = resource.DeletionProtection,
    };
}
