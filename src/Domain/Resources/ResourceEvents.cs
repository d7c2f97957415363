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

public sealed record ResourceExpiryChanged(Guid ResourceId, DateTimeOffset? ExpiresAt) : IDomainEvent
{
    public string Action => "resource.expiry-changed";

    public string Details => ExpiresAt is { } at ? $"expiresAt={at.UtcDateTime:O}" : "expiresAt=null";
}

public sealed record ResourceProtectionChanged(Guid ResourceId, bool DeletionProtection) : IDomainEvent
{
    public string Action => "resource.protection-changed";

    public string Details => DeletionProtection ? "deletionProtection=true" : "deletionProtection=false";
}

/// <summary>The resource expires soon (or is past its time but protected): the event for subscribers of <c>resource.expiring</c>.</summary>
public sealed record ResourceExpiring(Guid ResourceId, DateTimeOffset ExpiresAt) : IDomainEvent
{
    public string Action => "resource.expiring";

    public string Details => $"expiresAt={ExpiresAt.UtcDateTime:O}";
}

public sealed record ResourceExpired(Guid ResourceId, DateTimeOffset ExpiresAt) : IDomainEvent
{
    public string Action => "resource.expired";

    public string Details => $"expiresAt={ExpiresAt.UtcDateTime:O}";
}

public sealed record ResourceExpiryBlocked(Guid ResourceId, DateTimeOffset ExpiresAt) : IDomainEvent
{
    public string Action => "resource.expiry-blocked";

    public string Details => $"expiresAt={ExpiresAt.UtcDateTime:O} deletionProtection=true";
}

public sealed record ResourceRetried(Guid ResourceId, string? FailureCode) : IDomainEvent
{
    public string Action => "resource.retried";

    public string Details => $"failureCode={FailureCode}";
}

public sealed record ResourceForgotten(Guid ResourceId, ResourceStatus From) : IDomainEvent
{
    public string Action => "resource.forgotten";

    public string Details => $"from={From.ToString().ToLowerInvariant()}";
}
