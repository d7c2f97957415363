using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>
/// What a create with this body would do, decided as a create decides (validation, permission, guardrails, quota,
/// placement, for ec2 with the Aws provider a dry run) with nothing stored, reserved, created or audited.
/// </summary>
[RequiresPermission(Permission.Create)]
public sealed record PlanResourceQuery(
    string? Name,
    string? Type,
    string? Region,
    IReadOnlyDictionary<string, string>? Tags,
    ResourceSpecDto? Spec) : IQuery<ResourcePlanDto>, IResourceCreationRequest
{
    /// <summary>As a create's: when the service would delete it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>As a create's: null takes the type's default (on for rds, off otherwise).</summary>
    public bool? DeletionProtection { get; init; }
}
