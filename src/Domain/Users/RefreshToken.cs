namespace Orchestrator.Domain.Users;

/// <summary>
/// One refresh token of a login's family (RFC 9700 rotation). Only its SHA-256 hash is stored. It is
/// spent by one use, expires when unused for the idle time, and no family outlives its absolute
/// lifetime; presenting a spent token revokes the whole family.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>Every token descended from one login shares this id.</summary>
    public Guid FamilyId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset FamilyExpiresAt { get; private set; }

    public DateTimeOffset? SpentAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>
    /// Whether the login that started the family proved a second factor; every successor inherits it, so refreshing
    /// can never turn a password-only session into a multi-factor one (decision 0022).
    /// </summary>
    public bool MultiFactor { get; private set; }

    public static RefreshToken StartFamily(Guid userId, string tokenHash, bool multiFactor, DateTimeOffset now, TimeSpan idle, TimeSpan absolute) =>
        Create(userId, Guid.CreateVersion7(now), tokenHash, multiFactor, now, idle, now + absolute);

    public RefreshToken Successor(string tokenHash, DateTimeOffset now, TimeSpan idle) =>
        Create(UserId, FamilyId, tokenHash, MultiFactor, now, idle, FamilyExpiresAt);

    public bool IsUsable(DateTimeOffset now) =>
        SpentAt is null && RevokedAt is null && now < ExpiresAt && now < FamilyExpiresAt;

    private static RefreshToken Create(Guid userId, Guid familyId, string tokenHash, bool multiFactor, DateTimeOffset now, TimeSpan idle, DateTimeOffset familyExpiresAt) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        FamilyId = familyId,
        TokenHash = tokenHash,
        MultiFactor = multiFactor,
        CreatedAt = now,
        ExpiresAt = now + idle < familyExpiresAt ? now + idle : familyExpiresAt,
        FamilyExpiresAt = familyExpiresAt,
    };
}
