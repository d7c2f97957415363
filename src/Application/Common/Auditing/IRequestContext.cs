namespace Orchestrator.Application.Common.Auditing;

/// <summary>Where the current request came from, for the audit log. Outside HTTP (background work) both are null.</summary>
public interface IRequestContext
{
    string? ClientIp { get; }

    string? CorrelationId { get; }
}
