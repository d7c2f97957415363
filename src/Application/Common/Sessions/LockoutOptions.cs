namespace Orchestrator.Application.Common.Sessions;

/// <summary>Login lockout and per-username throttling (configuration section <c>Lockout</c>).</summary>
public sealed class LockoutOptions
{
    public const string SectionName = "Lockout";

    public int MaxFailedAttempts { get; set; } = 5;

    public int WindowMinutes { get; set; } = 15;

    public int DurationMinutes { get; set; } = 15;

    /// <summary>Failed login attempts per username and minute, known or not, before attempts are refused unchecked.</summary>
    public int AttemptsPerUsernamePerMinute { get; set; } = 10;
}
