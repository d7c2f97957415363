using Microsoft.AspNetCore.Identity;
using Orchestrator.Domain.Users;
using IPasswordHasher = Orchestrator.Application.Common.Interfaces.IPasswordHasher;

namespace Orchestrator.Infrastructure.Security;

/// <summary>ASP.NET Core Identity's hasher: PBKDF2-HMAC-SHA512, 100,000 iterations, random salt, versioned format.</summary>
public sealed class IdentityPasswordHasher : IPasswordHasher
{
    private static readonly User HashOwner = User.Create(Guid.Empty, "hash-owner", string.Empty, default, DateTimeOffset.UnixEpoch);

    private readonly PasswordHasher<User> _hasher = new();
    private readonly Lazy<string> _dummyHash;

    public IdentityPasswordHasher() =>
        _dummyHash = new Lazy<string>(() => _hasher.HashPassword(HashOwner, Guid.NewGuid().ToString()));

    public string Hash(string password) => _hasher.HashPassword(HashOwner, password);

    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(HashOwner, hash, password) != PasswordVerificationResult.Failed;

    public void VerifyAgainstDummy(string password) => Verify(_dummyHash.Value, password);
}
