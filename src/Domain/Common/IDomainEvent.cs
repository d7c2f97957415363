namespace Orchestrator.Domain.Common;

/// <summary>Something that happened to an entity, recorded with the change and turned into an audit event in the same transaction.</summary>
public interface IDomainEvent
{
    /// <summary>The audit action name, such as <c>resource.created</c>.</summary>
    string Action { get; }

    /// <summary>A short, non-sensitive description for the audit log.</summary>
    string Details { get; }
}
