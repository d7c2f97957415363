namespace Orchestrator.Infrastructure.Webhooks;

/// <summary>
/// Wakes this process's delivery worker when a save wrote outbox events, so an event is usually on its way within
/// milliseconds; other instances find it at their next poll. Losing a signal only delays a delivery to that poll.
/// </summary>
public sealed class WebhookOutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // Already signalled: the worker wakes once for any number of events. Checked first, since every save that wrote
        // events calls this and an exception per call cost more than the rest of the signal.
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Signalled by another save between the check and the release.
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken) =>
        timeout <= TimeSpan.Zero ? Task.FromResult(true) : WaitOrDelayAsync(timeout, clock, cancellationToken);

    private async Task<bool> WaitOrDelayAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _pending.WaitAsync(linked.Token);
        var delay = Task.Delay(timeout, clock, linked.Token);
        var first = await Task.WhenAny(signalled, delay);
        await linked.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == signalled && signalled.IsCompletedSuccessfully;
    }
}
