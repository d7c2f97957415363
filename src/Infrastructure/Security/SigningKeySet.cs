using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Secrets;

namespace Orchestrator.Infrastructure.Security;

/// <summary>
/// The HS256 keys from the <c>jwt-signing-key</c> secret: the current version signs, the previous one still
/// validates the tokens it signed until they expire. Each key's id (<c>kid</c>) is a hash prefix of the key.
/// </summary>
public sealed class SigningKeySet
{
    public const int KeyBytes = 64;

    private SigningKeySet(SymmetricSecurityKey current, SymmetricSecurityKey? previous)
    {
        Current = current;
        Previous = previous;
    }

    public SymmetricSecurityKey Current { get; }

    public SymmetricSecurityKey? Previous { get; }

    public static string GenerateSecretValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    public static SigningKeySet FromSecret(SecretVersions versions)
    {
        var current = ToKey(versions.Current);
        var previous = versions.Previous is null ? null : ToKey(versions.Previous);
        return new SigningKeySet(current, previous?.KeyId == current.KeyId ? null : previous);
    }

    /// <summary>The key a token names in its <c>kid</c> header, or null when neither key has that id.</summary>
    public SymmetricSecurityKey? Find(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? null
        : string.Equals(Current.KeyId, keyId, StringComparison.Ordinal) ? Current
        : string.Equals(Previous?.KeyId, keyId, StringComparison.Ordinal) ? Previous
        : null;

    public override string ToString() => $"SigningKeySet(current {Current.KeyId}, previous {Previous?.KeyId ?? "none"})";

    private static SymmetricSecurityKey ToKey(string secretValue)
    {
        var bytes = Convert.FromBase64String(secretValue.Trim());
        if (bytes.Length < 32)
        {
            throw new InvalidDataException("A token signing key is shorter than 32 bytes.");
        }

        // The key id names the key without revealing it, so that tokens say which key signed them.
        var keyId = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        return new SymmetricSecurityKey(bytes) { KeyId = keyId };
    }
}
