using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Guardrails;

/// <summary>
/// One version of the guardrail document, written once and never changed: the newest is the one in force.
/// Its version is the primary key, so of two changes made from the same version only one is stored.
/// </summary>
public sealed class GuardrailDocumentVersion : IHasDomainEvents
{
    private readonly List<IDomainEvent> _events = [];

    private GuardrailDocumentVersion()
    {
    }

    public long Version { get; private set; }

    /// <summary>The rules as the JSON array they were sent as (ids, descriptions, effects, scopes, schemas).</summary>
    public string RulesJson { get; private set; } = "[]";

    public Guid ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    public static GuardrailDocumentVersion Create(long version, string rulesJson, IReadOnlyList<string> ruleIds, Guid changedBy, DateTimeOffset now)
    {
        var created = new GuardrailDocumentVersion { Version = version, RulesJson = rulesJson, ChangedBy = changedBy, ChangedAt = now };
        created._events.Add(new GuardrailsChanged(version, ruleIds));
        return created;
    }

    public void ClearDomainEvents() => _events.Clear();
}
