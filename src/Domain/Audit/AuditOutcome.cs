namespace Orchestrator.Domain.Audit;

public enum AuditOutcome
{
    Success,
    Denied,
    Failure,
}
