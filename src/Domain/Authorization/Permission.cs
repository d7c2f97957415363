namespace Orchestrator.Domain.Authorization;

/// <summary>What a role may do. The first four are the resource permissions of the API contract.</summary>
public enum Permission
{
    Create,
    Read,
    Update,
    Delete,
    ManageUsers,
    ReadAudit,

    /// <summary>Rotate signing and data-encryption keys.</summary>
    ManageKeys,

    /// <summary>Replace the guardrail document.</summary>
    ManageGuardrails,

    /// <summary>Stop managing a resource without deleting it in the cloud.</summary>
    ForgetResources,

    /// <summary>Subscribe other systems to events (webhooks) and read their deliveries.</summary>
    ManageWebhooks,
}
