using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Common;

namespace Orchestrator.Domain.Users;

/// <summary>An account: credentials, role, lockout state, TOTP enrolment and the version that invalidates its tokens.</summary>
public sealed class User : IHasDomainEvents
{
    private readonly List<IDomainEvent> _domainEvents = [];

    private User()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Stored lower-case, so that logins and uniqueness ignore case.</summary>
    public string Username { get; private set; } = string.Empty;

    public string PasswordHash { get; private set; } = string.Empty;

    public Role Role { get; private set; }

    public bool Disabled { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Carried by every access token as <c>ver</c>; bumping it ends every session of the user at once.</summary>
    public int TokenVersion { get; private set; }

    public int FailedLoginCount { get; private set; }

    public DateTimeOffset? FirstFailedLoginAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>
    /// Moves with every change of <see cref="FailedLoginCount"/>, <see cref="FirstFailedLoginAt"/> and <see cref="LockedUntil"/>,
    /// so that a failure is counted by a conditional update on it (docs/decisions/0021-atomic-account-security-state.md).
    /// </summary>
    public int LockoutVersion { get; private set; }

    public bool MfaEnabled { get; private set; }

    /// <summary>The TOTP shared secret (base32), encrypted at rest; set once enrolment is confirmed.</summary>
    public string? TotpSecret { get; private set; }

    /// <summary>A secret handed out by enrolment and not yet confirmed with a code.</summary>
    public string? PendingTotpSecret { get; private set; }

    /// <summary>The last TOTP time step accepted, so that a code cannot be used twice.</summary>
    public long LastTotpStep { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    public static User Create(Guid id, string username, string passwordHash, Role role, DateTimeOffset now)
    {
        var user = new User
        {
            Id = id,
            Username = NormalizeUsername(username),
            PasswordHash = passwordHash,
            Role = role,
            CreatedAt = now,
        };
        user._domainEvents.Add(new UserChanged(id, "user.created", $"user={id} role={role.ToWireName()}"));
        return user;
    }

    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil > now;

    /// <summary>The failure count and lockout as they were read, with the version a conditional update compares.</summary>
    public LockoutState Lockout => new(FailedLoginCount, FirstFailedLoginAt, LockedUntil, LockoutVersion);

    /// <summary>A successful sign-in clears the failure count (a change of the lockout state, so it moves the version).</summary>
    public void RecordSuccessfulLogin()
    {
        if (FailedLoginCount == 0 && FirstFailedLoginAt is null)
        {
            return;
        }

        FailedLoginCount = 0;
        FirstFailedLoginAt = null;
        LockoutVersion++;
    }

    /// <summary>An admin ends a lockout and clears the failure count.</summary>
    public void Unlock()
    {
        FailedLoginCount = 0;
        FirstFailedLoginAt = null;
        LockedUntil = null;
        LockoutVersion++;
        _domainEvents.Add(new UserChanged(Id, "user.unlocked", $"user={Id}"));
    }

    public void ChangePassword(string passwordHash)
    {
        PasswordHash = passwordHash;
        EndAllSessions("user.password-changed", string.Empty);
    }

    /// <summary>The same password under a stronger hash: nothing else about the account changes.</summary>
    public void RehashPassword(string passwordHash) => PasswordHash = passwordHash;

    public void ChangeRole(Role role)
    {
        if (role == Role)
        {
            return;
        }

        var from = Role;
        Role = role;

        // Tokens carry the role: they must not outlive it.
        EndAllSessions("user.role-changed", $"user={Id} {from.ToWireName()} -> {role.ToWireName()}");
    }

    public void SetDisabled(bool disabled)
    {
        if (disabled == Disabled)
        {
            return;
        }

        Disabled = disabled;
        EndAllSessions(disabled ? "user.disabled" : "user.enabled", $"user={Id}");
    }

    public void RevokeSessions() => EndAllSessions("user.sessions-revoked", $"user={Id}");

    public void BeginTotpEnrolment(string secret) => PendingTotpSecret = secret;

    public void ConfirmTotp(long step)
    {
        TotpSecret = PendingTotpSecret ?? throw new DomainRuleException("No TOTP enrolment is in progress.");
        PendingTotpSecret = null;
        MfaEnabled = true;
        LastTotpStep = step;
        _domainEvents.Add(new UserChanged(Id, "mfa.enabled", string.Empty));
    }

    public void DisableTotp()
    {
        TotpSecret = null;
        PendingTotpSecret = null;
        MfaEnabled = false;

        // Sessions that proved the factor must not outlive it (decision 0022).
        EndAllSessions("mfa.disabled", string.Empty);
    }

    /// <summary>An admin turns MFA off for a user who lost the authenticator; every session of the user ends.</summary>
    public void ResetMfa()
    {
        TotpSecret = null;
        PendingTotpSecret = null;
        MfaEnabled = false;
        EndAllSessions("user.mfa-reset", $"user={Id}");
    }

    /// <summary>Accepts a TOTP time step only once, and only moving forward.</summary>
    public bool TryUseTotpStep(long step)
    {
        if (step <= LastTotpStep)
        {
            return false;
        }

        LastTotpStep = step;
        return true;
    }

    public void ClearDomainEvents() => _domainEvents.Clear();

    private void EndAllSessions(string action, string details)
    {
        TokenVersion++;
        _domainEvents.Add(new UserChanged(Id, action, details));
    }
}
