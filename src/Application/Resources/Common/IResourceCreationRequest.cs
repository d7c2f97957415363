namespace Orchestrator.Application.Resources.Common;

/// <summary>The body of a creation, shared by a create and its plan, so both are validated by the same rules.</summary>
public interface IResourceCreationRequest
{
    string? Name { get; }

    string? Type { get; }

    string? Region { get; }

    IReadOnlyDictionary<string, string>? Tags { get; }

    ResourceSpecDto? Spec { get; }

    /// <summary>When the service deletes it; in the future and at most <c>Lifecycle:MaxLifetime</c> ahead.</summary>
    DateTimeOffset? ExpiresAt { get; }

    /// <summary>Null takes the type's default (on for rds, off otherwise).</summary>
    bool? DeletionProtection { get; }
}
