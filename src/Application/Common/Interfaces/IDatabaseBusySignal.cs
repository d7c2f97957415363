namespace Orchestrator.Application.Common.Interfaces;

/// <summary>
/// Tells a database that was too busy to take a write in time (a lock wait that ran out, a deadlock victim) from a
/// real fault, so that the client hears "retry shortly" (503) instead of a 500. Nothing was changed in that case:
/// the provider rolled the statement or transaction back.
/// </summary>
public interface IDatabaseBusySignal
{
    bool IsBusy(Exception exception);

    /// <summary>A statement stopped because the request that ran it was cancelled (docs/decisions/0038-statements-stop-with-their-request.md).</summary>
    bool IsInterrupted(Exception exception);
}
