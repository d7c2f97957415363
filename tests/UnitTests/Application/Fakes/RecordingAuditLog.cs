using Orchestrator.Application.Common.Auditing;
using Orchestrator.Domain.Audit;

namespace Orchestrator.UnitTests.Application.Fakes;

/// <summary>Keeps what would have been written to the audit log.</summary>
internal sealed class RecordingAuditLog : IAuditLog
{
    public List<(string Action, AuditOutcome Outcome, Guid? ResourceId, string Details)> Entries { get; } = [];

    public Task RecordAsync(string action, AuditOutcome outcome, Guid? resourceId, string details, CancellationToken cancellationToken)
    {
        Entries.Add((action, outcome, resourceId, details));
        return Task.CompletedTask;
    }
}
