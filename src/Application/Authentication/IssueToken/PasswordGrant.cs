using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Auditing;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Sessions;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Domain.Audit;
using Orchestrator.Domain.Users;

namespace Orchestrator.Application.Authentication.IssueToken;

/// <summary>
/// The password grant with its mitigations: per-username throttling, lockout after repeated failures
/// (holding even for the right password), one generic answer in about the same time for an unknown
/// user, a wrong password, a locked or a disabled account, and TOTP when the account has MFA on.
/// </summary>
internal sealed class PasswordGrant(
    IApplicationDbContext db,
    IPasswordHasher passwordHasher,
    SecondFactor secondFactor,
    CredentialFailureCounter failures,
    ILoginThrottle throttle,
    SessionIssuer sessions,
    IAuditLog auditLog,
    IOptions<LockoutOptions> lockoutOptions,
    TimeProvider clock)
{
    private static readonly TokenResult InvalidCredentials = TokenResult.Failure("invalid_grant", "The username or password is incorrect.");

    /// <summary>Passwords longer than any acceptable one are refused before hashing, so hashing cannot be made expensive.</summary>
    private const int MaxPasswordLength = 1024;

    /// <summary>Each lost round means a parallel change of the account landed; past this the login is refused like a wrong one.</summary>
    private const int MaxRounds = 8;

    public async Task<TokenResult> IssueAsync(IssueTokenCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Username) || string.IsNullOrEmpty(command.Password))
        {
            return TokenResult.Failure("invalid_request", "username and password are required.");
        }

        var username = User.NormalizeUsername(command.Username);
        var attempt = command.Password.Length > MaxPasswordLength ? null : await throttle.TryBeginAsync(username, cancellationToken);
        if (attempt is null)
        {
            OrchestratorMetrics.Login(OrchestratorMetrics.LoginThrottled);
            await auditLog.RecordAsync("login.throttled", AuditOutcome.Denied, null, string.Empty, cancellationToken);
            return InvalidCredentials;
        }

        for (var round = 1; ; round++)
        {
            try
            {
                return await DecideAsync(command, username, command.Password, attempt, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.DiscardChanges();
                if (round == MaxRounds)
                {
                    return InvalidCredentials;
                }
            }
        }
    }

    private async Task<TokenResult> DecideAsync(
        IssueTokenCommand command, string username, string password, LoginAttempt attempt, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, cancellationToken);
        if (user is null)
        {
            passwordHasher.VerifyAgainstDummy(password);
            OrchestratorMetrics.Login(OrchestratorMetrics.LoginFailed);
            await auditLog.RecordAsync("login.failure", AuditOutcome.Failure, null, "unknown user", cancellationToken);
            return InvalidCredentials;
        }

        var now = clock.GetUtcNow();
        var passwordMatches = passwordHasher.Verify(user.PasswordHash, password);
        if (user.IsLockedOut(now))
        {
            OrchestratorMetrics.Login(OrchestratorMetrics.LoginLockedOut);
            await AuditForAsync(user, "login.failure", AuditOutcome.Denied, "account locked", cancellationToken);
            return InvalidCredentials;
        }

        if (!passwordMatches)
        {
            return await FailAsync(user, "wrong password", cancellationToken);
        }

        if (user.Disabled)
        {
            OrchestratorMetrics.Login(OrchestratorMetrics.LoginDisabled);
            await AuditForAsync(user, "login.failure", AuditOutcome.Denied, "account disabled", cancellationToken);
            return InvalidCredentials;
        }

        if (user.MfaEnabled)
        {
            if (string.IsNullOrEmpty(command.Otp))
            {
                OrchestratorMetrics.Login(OrchestratorMetrics.LoginMfaRequired);
                return TokenResult.Failure("mfa_required", "This account needs a one-time code: send otp.");
            }

            if (!await secondFactor.TryUseAsync(user, command.Otp, cancellationToken))
            {
                return await FailAsync(user, "wrong or used one-time code", cancellationToken);
            }
        }

        user.RecordSuccessfulLogin();
        if (passwordHasher.NeedsRehash(user.PasswordHash))
        {
            // The one moment the password is known: move an older hash to today's parameters.
            user.RehashPassword(passwordHasher.Hash(password));
        }

        var session = sessions.StartSession(user, multiFactor: user.MfaEnabled);
        await db.SaveChangesAsync(cancellationToken);
        await throttle.ForgiveAsync(attempt, cancellationToken);
        OrchestratorMetrics.Login(OrchestratorMetrics.LoginSucceeded);
        await AuditForAsync(user, "login.success", AuditOutcome.Success, string.Empty, cancellationToken);
        return TokenResult.Success(session.AccessToken, session.ExpiresIn, session.RefreshToken);
    }

    private async Task<TokenResult> FailAsync(User user, string reason, CancellationToken cancellationToken)
    {
        var lockout = lockoutOptions.Value;
        bool locked;
        try
        {
            locked = await failures.CountAsync(user.Id, cancellationToken);
        }
        catch (ConflictException)
        {
            // The token endpoint answers in RFC 6749's shape only; the flood that caused this was counted.
            return InvalidCredentials;
        }

        OrchestratorMetrics.Login(OrchestratorMetrics.LoginFailed);
        await AuditForAsync(user, "login.failure", AuditOutcome.Failure, reason, cancellationToken);
        if (locked)
        {
            OrchestratorMetrics.Lockout();
            await AuditForAsync(user, "account.locked", AuditOutcome.Denied, $"for {lockout.DurationMinutes} minutes", cancellationToken);
        }

        return InvalidCredentials;
    }

    // The caller is not signed in yet: the account concerned goes into the details.
    private Task AuditForAsync(User user, string action, AuditOutcome outcome, string details, CancellationToken cancellationToken) =>
        auditLog.RecordAsync(action, outcome, null, $"user={user.Id} {details}".TrimEnd(), cancellationToken);
}
