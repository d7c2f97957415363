namespace Orchestrator.Application.Guardrails;

/// <summary>A rule's verdict on one request; on the wire "pass", "deny" and "approval".</summary>
public enum GuardrailOutcome
{
    Pass,
    Deny,
    Approval,
}
