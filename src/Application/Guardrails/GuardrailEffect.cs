namespace Orchestrator.Application.Guardrails;

/// <summary>What a broken rule does; on the wire "deny" and "requireApproval".</summary>
public enum GuardrailEffect
{
    Deny,
    RequireApproval,
}
