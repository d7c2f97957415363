namespace Orchestrator.Application.Common.Limits;

/// <summary><see cref="Permits"/> requests per <see cref="Window"/>.</summary>
public sealed record RatePolicy(int Permits, TimeSpan Window)
{
    /// <summary>GCRA's emission interval: one permit comes back every interval (whole microseconds, so every adapter agrees).</summary>
    public long IntervalMicroseconds => Math.Max(1, (long)(Window.TotalMicroseconds / Permits));
}
