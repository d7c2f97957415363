namespace Orchestrator.Application.Provisioning;

/// <summary>
/// How long to wait before asking the cloud again about work still in progress: the wait grows by half with
/// each look, up to a cap, so a creation that takes minutes (RDS) costs tens of describe calls, not hundreds.
/// </summary>
public static class PollBackoff
{
    public const double Growth = 1.5;

    /// <param name="polls">Looks that already answered "still working" (0 before the first).</param>
    /// <param name="first">The wait after the first look.</param>
    /// <param name="max">The longest wait.</param>
    public static TimeSpan After(int polls, TimeSpan first, TimeSpan max)
    {
        if (first >= max)
        {
            return max;
        }

        var exponent = Math.Clamp(polls, 0, 64);
        var delay = first.TotalMilliseconds * Math.Pow(Growth, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(delay, max.TotalMilliseconds));
    }
}
