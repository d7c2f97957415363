using System.Buffers.Binary;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Users;
using IPasswordHasher = Orchestrator.Application.Common.Interfaces.IPasswordHasher;

namespace Orchestrator.Infrastructure.Security;

/// <summary>
/// ASP.NET Core Identity's hasher: PBKDF2-HMAC-SHA512 at the OWASP Password Storage Cheat Sheet's
/// minimum iteration count, random salt, in Identity's versioned format, which records the algorithm and
/// count in each hash so older hashes still verify and can be recognised for rehashing
/// (docs/decisions/0023-password-strength-hashing-and-data-at-rest.md).
/// </summary>
public sealed class IdentityPasswordHasher : IPasswordHasher
{
    public const int Iterations = 210_000;

    // Identity's version 3 format: a marker byte, then the PRF and the iteration count as big-endian integers.
    private const byte FormatMarker = 0x01;

    private static readonly User HashOwner = User.Create(Guid.Empty, "hash-owner", string.Empty, default, DateTimeOffset.UnixEpoch);

    private readonly PasswordHasher<User> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    private readonly Lazy<string> _dummyHash;

    public IdentityPasswordHasher() =>
        _dummyHash = new Lazy<string>(() => _hasher.HashPassword(HashOwner, Guid.NewGuid().ToString()));

    /// <summary>The hash an unknown user's login is checked against: made now, so it costs what a real one does.</summary>
    internal string DummyHash => _dummyHash.Value;

    public string Hash(string password) => _hasher.HashPassword(HashOwner, password);

    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(HashOwner, hash, password) != PasswordVerificationResult.Failed;

    public void VerifyAgainstDummy(string password) => Verify(_dummyHash.Value, password);

    public bool NeedsRehash(string hash)
    {
        Span<byte> header = stackalloc byte[9];
        if (!Convert.TryFromBase64String(hash.Length > 12 ? hash[..12] : hash, header, out var written) || written < header.Length)
        {
            return true;
        }

        return header[0] != FormatMarker
            || BinaryPrimitives.ReadUInt32BigEndian(header[1..]) != (uint)KeyDerivationPrf.HMACSHA512
            || BinaryPrimitives.ReadUInt32BigEndian(header[5..]) < Iterations;
    }
}
