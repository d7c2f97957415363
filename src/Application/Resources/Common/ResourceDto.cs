using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace Orchestrator.Application.Resources.Common;

/// <summary>A resource as the API returns it.</summary>
/// <remarks>The defaults are shared empty values: the mapping replaces each of them, so that none is built only to be dropped.</remarks>
public sealed record ResourceDto
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    public string Region { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    public ResourceSpecDto Spec { get; init; } = ResourceSpecDto.None;

    public string Status { get; init; } = string.Empty;

    public string? StatusReason { get; init; }

    /// <summary>One of the closed list of failure codes while the resource is failed, otherwise null.</summary>
    public string? FailureCode { get; init; }

    public string? ProviderId { get; init; }

    public Guid OwnerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the service deletes the resource (unless deletion protection is on); null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>While true, DELETE is refused (409 deletion-protected), also at expiry; default true for rds.</summary>
    public bool DeletionProtection { get; init; }

    /// <summary>What the owner needs to use the resource (ids, addresses; never a secret); empty until it is active.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The security settings enforced on the resource, as last read from the cloud.</summary>
    public IReadOnlyList<PostureSettingDto> Posture { get; init; } = [];

    /// <summary>How the resource compared with the cloud at its last drift check (<c>unknown</c> before the first).</summary>
    public ResourceDriftDto Drift { get; init; } = ResourceDriftDto.Unknown;

    /// <summary>The strong validator of this representation, sent as the ETag header rather than in the body.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = string.Empty;
}
