namespace Orchestrator.Application.Drift;

/// <summary>The cloud calls drift checks may make, per region: a caller waits until its calls fit.</summary>
public interface IDriftCallBudget
{
    /// <summary>Waits until <paramref name="calls"/> calls fit in the region's budget, and spends them.</summary>
    ValueTask SpendAsync(string region, int calls, CancellationToken cancellationToken);
}
