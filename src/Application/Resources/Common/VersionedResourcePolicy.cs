using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.Common;

/// <summary>A resource's policy with the resource's ETag: the body and the <c>ETag</c> header of the policy endpoints.</summary>
public sealed record VersionedResourcePolicy(ResourcePolicyDto Policy, string ETag)
{
    public static VersionedResourcePolicy Of(Resource resource) =>
        new(ResourcePolicyMapping.ToDto(resource.Policy), ResourceETag.Of(resource.Version));
}
