using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Resources;

/// <summary>A drift check found differences other than the ones the previous check found.</summary>
public sealed record ResourceDrifted(Guid ResourceId, IReadOnlyList<DriftDifference> Differences) : IDomainEvent
{
    public string Action => "resource.drifted";

    public string Details => $"differences={Differences.Count} fields={string.Join(',', Differences.Select(d => d.Field))}";
}

/// <summary>Tags and security settings were put back as recorded; <see cref="Repaired"/> names what was different before.</summary>
public sealed record ResourceReconciled(Guid ResourceId, IReadOnlyList<string> Repaired, int Remaining) : IDomainEvent
{
    public string Action => "resource.reconciled";

    public string Details => $"repaired={string.Join(',', Repaired)} remaining={Remaining}";
}
