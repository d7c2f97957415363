namespace Orchestrator.Application.Retention;

/// <summary>What one purge deleted, by rule, and whether it ran to the end (false: it lost its lease to another instance).</summary>
public sealed record PurgeReport(IReadOnlyDictionary<string, int> DeletedByRule, int Batches, bool Finished)
{
    public int Total => DeletedByRule.Values.Sum();
}
