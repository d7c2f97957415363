namespace Orchestrator.Infrastructure.Limits;

/// <summary>Whether the per-IP limit currently runs on the shared store or on the per-instance fallback (read by the readiness check).</summary>
public sealed class LimiterStoreStatus
{
    private int _fallback;

    public bool InFallback => Volatile.Read(ref _fallback) == 1;

    /// <summary>Returns true when this call switched to the fallback.</summary>
    public bool MarkFallback() => Interlocked.Exchange(ref _fallback, 1) == 0;

    /// <summary>Returns true when this call switched back to the shared store.</summary>
    public bool MarkShared() => Interlocked.Exchange(ref _fallback, 0) == 1;
}
