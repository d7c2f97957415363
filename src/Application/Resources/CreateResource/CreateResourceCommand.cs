using Mediator;
using Orchestrator.Application.Common.Idempotency;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Common.Security;
using Orchestrator.Application.Guardrails;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.CreateResource;

/// <summary>
/// Create a resource; it is stored as <c>pending</c> and provisioned asynchronously, or, when it breaks
/// <c>requireApproval</c> guardrail rules, as <c>awaiting-approval</c> until an approver decides.
/// </summary>
[RequiresPermission(Permission.Create)]
public sealed record CreateResourceCommand(
    string? Name,
    string? Type,
    string? Region,
    IReadOnlyDictionary<string, string>? Tags,
    ResourceSpecDto? Spec,
    string? IdempotencyKey) : ICommand<ResourceDto>, IResourceCreationRequest, IQuotaRequest, IIdempotentRequest, IGuardrailRequest
{
    /// <summary>When the service deletes it; in the future and at most <c>Lifecycle:MaxLifetime</c> ahead.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Null takes the type's default (on for rds, off otherwise).</summary>
    public bool? DeletionProtection { get; init; }

    /// <summary>Only read after validation has proved <see cref="Type"/> to be a known type.</summary>
    ResourceType IQuotaRequest.ResourceType => ResourceWireNames.ParseType(Type!);
}
