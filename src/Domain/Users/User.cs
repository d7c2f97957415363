using Orchestrator.Domain.Authorization;

namespace Orchestrator.Domain.Users;

public sealed class User
{
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

    public static User Create(Guid id, string username, string passwordHash, Role role, DateTimeOffset now) => new()
    {
        Id = id,
        Username = NormalizeUsername(username),
        PasswordHash = passwordHash,
        Role = role,
        CreatedAt = now,
    };

    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public void ChangePasswordHash(string passwordHash) => PasswordHash = passwordHash;
}
