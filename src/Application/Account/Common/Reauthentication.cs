using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Account.Common;

/// <summary>
/// Proof of the account's credentials on /me, so that a stolen access token is no oracle: each check uses the
/// username's login throttle, a locked account is refused, and every wrong password or code is a failed attempt
/// counted toward the lockout like a failed login and audited <c>reauth.failure</c>. Throttled, locked and wrong
/// all answer the same 400 for the field (docs/decisions/0021-atomic-account-security-state.md).
/// </summary>
internal sealed class Reauthentication(
    IPasswordHasher passwordHasher,
    SecondFactor secondFactor,
    ILoginThrottle throttle,
    CredentialFailureCounter failures,
    IAuditLog auditLog,
    TimeProvider clock)
{
    public const string WrongPassword = "'currentPassword' is not the current password.";

    public const string WrongCode = "'code' does not match or was already used.";

    /// <summary>Passwords longer than any acceptable one are refused unhashed, as at the token endpoint.</summary>
    private const int MaxPasswordLength = 1024;

    /// <summary>
    /// Starts a check answering <paramref name="message"/> for <paramref name="field"/> when it fails: counts an attempt
    /// in the username's throttle and refuses a locked account. Give the attempt to <see cref="SucceededAsync"/> at the end.
    /// </summary>
    public async Task<LoginAttempt> BeginAsync(User user, string field, string message, CancellationToken cancellationToken)
    {
        var attempt = await throttle.TryBeginAsync(user.Username, cancellationToken);
        if (attempt is null)
        {
            await AuditAsync(user, "throttled", cancellationToken);
            throw RequestValidationException.ForField(field, message);
        }

        if (user.IsLockedOut(clock.GetUtcNow()))
        {
            await AuditAsync(user, "account locked", cancellationToken);
            throw RequestValidationException.ForField(field, message);
        }

        return attempt;
    }

    /// <summary>Begins a check and verifies <paramref name="currentPassword"/>.</summary>
    public async Task<LoginAttempt> VerifyPasswordAsync(User user, string? currentPassword, CancellationToken cancellationToken)
    {
        var attempt = await BeginAsync(user, "currentPassword", WrongPassword, cancellationToken);
        if (currentPassword is not { Length: > 0 and <= MaxPasswordLength } || !passwordHasher.Verify(user.PasswordHash, currentPassword))
        {
            throw await FailedAsync(user, "currentPassword", WrongPassword, "wrong password", cancellationToken);
        }

        return attempt;
    }

    /// <summary>Uses a TOTP code or a recovery code (marked used for the next save, see <see cref="SecondFactor"/>).</summary>
    public async Task VerifyCodeAsync(User user, string? code, CancellationToken cancellationToken)
    {
        if (!await secondFactor.TryUseAsync(user, code, cancellationToken))
        {
            throw await FailedAsync(user, "code", WrongCode, "wrong or used one-time code", cancellationToken);
        }
    }

    /// <summary>Counts a failed attempt, audits it, and returns the 400 to throw.</summary>
    public async Task<RequestValidationException> FailedAsync(User user, string field, string message, string reason, CancellationToken cancellationToken)
    {
        var locked = await failures.CountAsync(user.Id, cancellationToken);
        await AuditAsync(user, reason, cancellationToken);
        if (locked)
        {
            await auditLog.RecordAsync("account.locked", AuditOutcome.Denied, null, $"user={user.Id} after a failed re-authentication", cancellationToken);
        }

        return RequestValidationException.ForField(field, message);
    }

    /// <summary>The change the check guarded is saved: the attempt no longer counts against the username.</summary>
    public ValueTask SucceededAsync(LoginAttempt attempt, CancellationToken cancellationToken) => throttle.ForgiveAsync(attempt, cancellationToken);

    private Task AuditAsync(User user, string reason, CancellationToken cancellationToken) =>
        auditLog.RecordAsync("reauth.failure", AuditOutcome.Failure, null, $"user={user.Id} {reason}", cancellationToken);
}
