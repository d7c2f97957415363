namespace Orchestrator.Domain.Authorization;

public enum Role
{
    Viewer,
    Operator,
    Admin,
}
