using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Application.Common.Paging;

namespace Orchestrator.Infrastructure.Security;

/// <summary>
/// HMAC-SHA256 (truncated) under a key derived from the token signing key: every instance shares it through the
/// secret store, and a cursor outlives one rotation as the previous key still verifies it.
/// </summary>
internal sealed class PageCursorSeal(SigningKeyProvider keys) : IPageCursorSeal
{
    private static readonly byte[] Purpose = "orchestrator page cursor"u8.ToArray();

    private DerivedKey? _current;
    private DerivedKey? _previous;

    public void Tag(ReadOnlySpan<byte> data, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Derive(keys.Secret.Value.Current, ref _current), data, mac);
        mac[..IPageCursorSeal.TagLength].CopyTo(tag);
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag)
    {
        var set = keys.Secret.Value;
        return Matches(Derive(set.Current, ref _current), data, tag)
            || (set.Previous is { } previous && Matches(Derive(previous, ref _previous), data, tag));
    }

    private static bool Matches(byte[] key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, data, mac);
        return CryptographicOperations.FixedTimeEquals(mac[..IPageCursorSeal.TagLength], tag);
    }

    /// <summary>
    /// A key of its own for cursors (HKDF), kept until the signing key it came from changes. Kept by the key object:
    /// <see cref="SymmetricSecurityKey.Key"/> hands out a new copy of the bytes on every read.
    /// </summary>
    private static byte[] Derive(SymmetricSecurityKey signingKey, ref DerivedKey? cache)
    {
        var cached = Volatile.Read(ref cache);
        if (cached is not null && ReferenceEquals(cached.Signing, signingKey))
        {
            return cached.Derived;
        }

        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.Key, 32, salt: [], info: Purpose);
        Volatile.Write(ref cache, new DerivedKey(signingKey, derived));
        return derived;
    }

    private sealed record DerivedKey(SymmetricSecurityKey Signing, byte[] Derived);
}
