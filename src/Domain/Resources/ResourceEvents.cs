using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Resources;

public sealed record ResourceCreated(Guid ResourceId, ResourceType Type, string Region) : IDomainEvent
{
    public string Action => "resource.created";

    public string Details => $"type={Type.ToString().ToLowerInvariant()} region={Region}";
}

public sealed record ResourceTagsReplaced(Guid ResourceId, int TagCount) : IDomainEvent
{
    public string Action => "resource.tags-replaced";

    public string Details => $"tags={TagCount}";
}

public sealed record ResourceDeletionRequested(Guid ResourceId) : IDomainEvent
{
    public string Action => "resource.deletion-requested";

    public string Details => string.Empty;
}

public sealed record ResourcePolicyReplaced(Guid ResourceId, int StatementCount) : IDomainEvent
{
    public string Action => "resource.policy-replaced";

    public string Details => $"statements={StatementCount}";
}

public sealed record ResourceStatusChanged(Guid ResourceId, ResourceStatus From, ResourceStatus To) : IDomainEvent
{
    public string Action => "resource.status-changed";

    public string Details => $"{From.ToString().ToLowerInvariant()} -> {To.ToString().ToLowerInvariant()}";
}
