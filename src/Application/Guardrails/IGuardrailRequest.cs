using Orchestrator.Application.Resources.Common;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// A request that would create a resource: the guardrail behavior checks it against the current guardrail
/// document before the quota is touched. Read only after validation has passed.
/// </summary>
public interface IGuardrailRequest
{
    string? Name { get; }

    string? Type { get; }

    string? Region { get; }

    IReadOnlyDictionary<string, string>? Tags { get; }

    ResourceSpecDto? Spec { get; }

    /// <summary>When the resource is to be deleted; <c>null</c> when the request sets no expiry.</summary>
    DateTimeOffset? ExpiresAt { get; }
}
