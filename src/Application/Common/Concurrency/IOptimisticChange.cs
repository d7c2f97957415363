namespace Orchestrator.Application.Common.Concurrency;

/// <summary>
/// A change saved under optimistic concurrency (the resource's or the user's concurrency token). When it loses
/// the race to another writer, <see cref="Behaviors.OptimisticConcurrencyBehavior{TMessage, TResponse}"/> answers
/// 412 if the client named the version it read, and otherwise runs it again on fresh data (bounded), then 409.
/// </summary>
public interface IOptimisticChange
{
    /// <summary>The client's If-Match header, if any; requests that take none keep this default.</summary>
    string? IfMatch => null;
}
