namespace Orchestrator.Domain.Authorization;

public enum PolicyEffect
{
    Allow,
    Deny,
}
