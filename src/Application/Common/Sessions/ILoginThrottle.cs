namespace Orchestrator.Application.Common.Sessions;

/// <summary>
/// Limits failed login attempts per username (known or not), checked before any password is: an
/// attempt is counted when it starts and forgiven when it succeeds, so only failures use the budget.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>Counts an attempt; null when the username's budget is used up.</summary>
    ValueTask<LoginAttempt?> TryBeginAsync(string normalizedUsername, CancellationToken cancellationToken);

    /// <summary>The attempt succeeded: it no longer counts against the username.</summary>
    ValueTask ForgiveAsync(LoginAttempt attempt, CancellationToken cancellationToken);
}

/// <summary>One counted login attempt.</summary>
public sealed record LoginAttempt(string Key, string Entry);
