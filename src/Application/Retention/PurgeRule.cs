using Orchestrator.Application.Common.Interfaces;

namespace Orchestrator.Application.Retention;

/// <summary>One kind of row the retention purge deletes.</summary>
/// <param name="Name">Shown in the log and the purge's report.</param>
/// <param name="Table">The table it deletes from.</param>
/// <param name="DeleteBatchAsync">Deletes at most the batch size of rows that are due as of the given time; returns how many it deleted.</param>
public sealed record PurgeRule(
    string Name,
    string Table,
    Func<IApplicationDbContext, DateTimeOffset, int, CancellationToken, Task<int>> DeleteBatchAsync);
