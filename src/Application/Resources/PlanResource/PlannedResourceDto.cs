using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>
/// A resource as a create would store it (the same mapping as <see cref="ResourceDto"/>), before the creation gives it
/// an id and times: those are null, as are outputs (nothing exists yet); posture lists every enforced setting with
/// its expected value and <c>actual</c> null.
/// </summary>
public sealed record PlannedResourceDto
{
    /// <summary>Always null: a plan creates nothing, so nothing has an id.</summary>
    public Guid? Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    public string Region { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public ResourceSpecDto Spec { get; init; } = new();

    /// <summary>pending: where every creation starts.</summary>
    public string Status { get; init; } = string.Empty;

    public string? StatusReason { get; init; }

    public string? FailureCode { get; init; }

    public string? ProviderId { get; init; }

    /// <summary>The caller: whoever creates a resource owns it.</summary>
    public Guid OwnerId { get; init; }

    /// <summary>Always null: not created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Always null: not created.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the service would delete it; null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether DELETE would be refused (409 deletion-protected); the body's, else true for rds and false otherwise.</summary>
    public bool DeletionProtection { get; init; }

    /// <summary>Always null: the cloud reports outputs once the resource exists.</summary>
    public IReadOnlyDictionary<string, string>? Outputs { get; init; }

    /// <summary>Always unknown: nothing has been compared with the cloud yet.</summary>
    public ResourceDriftDto Drift { get; init; } = ResourceDriftDto.Unknown;

    /// <summary>Every security setting the service will enforce on it, with <c>actual</c> null (nothing was read).</summary>
    public IReadOnlyList<PostureSettingDto> Posture { get; init; } = [];
}
