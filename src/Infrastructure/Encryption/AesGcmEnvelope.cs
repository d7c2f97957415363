using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Infrastructure.Encryption;

/// <summary>
/// AES-256-GCM with the key id inside the ciphertext, so that any key of the ring can open it:
/// <c>version (1) | key id (4, big-endian) | nonce (12) | tag (16) | ciphertext</c>. The version and key id
/// are authenticated as associated data, so changing either fails like any other tampering. Version 3
/// authenticates the value's entity, column and row (<c>User.TotpSecret#&lt;id&gt;</c>), so a value moved to
/// another column or another row does not open; version 2 (entity and column) and version 1 (header only)
/// values still open until rewritten (docs/decisions/0023-password-strength-hashing-and-data-at-rest.md).
/// </summary>
public static class AesGcmEnvelope
{
    public const byte Version = 3;
    public const byte ColumnBoundVersion = 2;
    public const byte UnboundVersion = 1;

    private const int HeaderBytes = 1 + sizeof(uint);
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MinimumBytes = HeaderBytes + NonceBytes + TagBytes;

    /// <summary>
    /// Seals in version 3 when a <paramref name="row"/> is given (the binding and the row's key), otherwise in
    /// version 2 (the binding alone), the format for values that belong to no row.
    /// </summary>
    public static byte[] Seal(DataKeyRing ring, ReadOnlySpan<byte> plaintext, string binding = "", string? row = null)
    {
        var envelope = new byte[MinimumBytes + plaintext.Length];
        envelope[0] = row is null ? ColumnBoundVersion : Version;
        BinaryPrimitives.WriteUInt32BigEndian(envelope.AsSpan(1, sizeof(uint)), ring.ActiveKeyId);
        var nonce = envelope.AsSpan(HeaderBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(ring.ActiveKey, TagBytes);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(MinimumBytes), envelope.AsSpan(HeaderBytes + NonceBytes, TagBytes), AssociatedData(envelope, binding, row));
        return envelope;
    }

    /// <summary>The format version of an envelope, checked to be one this code knows.</summary>
    public static byte ReadVersion(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < MinimumBytes)
        {
            throw new EncryptedValueException($"The encrypted value is truncated: {envelope.Length} bytes, at least {MinimumBytes} expected.");
        }

        if (envelope[0] is not (Version or ColumnBoundVersion or UnboundVersion))
        {
            throw new EncryptedValueException($"The encrypted value has format version {envelope[0]}; only {UnboundVersion} to {Version} are known.");
        }

        return envelope[0];
    }

    /// <summary>The key id an envelope names, without opening it.</summary>
    public static uint ReadKeyId(ReadOnlySpan<byte> envelope)
    {
        ReadVersion(envelope);
        return BinaryPrimitives.ReadUInt32BigEndian(envelope.Slice(1, sizeof(uint)));
    }

    /// <summary>
    /// Opens an envelope of any known version: version 3 only with the binding and row it was sealed with, version 2
    /// only with its binding; version 1 checks no binding.
    /// </summary>
    public static byte[] Open(DataKeyRing ring, ReadOnlySpan<byte> envelope, string binding = "", string? row = null)
    {
        var keyId = ReadKeyId(envelope);
        if (!ring.Keys.TryGetValue(keyId, out var key))
        {
            throw new EncryptedValueException($"The encrypted value names key {DataKeyRing.FormatKeyId(keyId)}, which is not in the key ring.");
        }

        if (envelope[0] == Version && row is null)
        {
            throw new EncryptedValueException("The encrypted value is bound to a row, and no row was given to open it.");
        }

        var plaintext = new byte[envelope.Length - MinimumBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(envelope.Slice(HeaderBytes, NonceBytes), envelope[MinimumBytes..], envelope.Slice(HeaderBytes + NonceBytes, TagBytes), plaintext, AssociatedData(envelope, binding, row));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new EncryptedValueException(
                $"The encrypted value failed authentication with key {DataKeyRing.FormatKeyId(keyId)}: it was altered, truncated, moved from another column or row, or sealed with another key.", e);
        }
    }

    // Version 1 authenticated the header alone, version 2 the header and the binding, version 3 also the row.
    private static byte[] AssociatedData(ReadOnlySpan<byte> envelope, string binding, string? row)
    {
        var header = envelope[..HeaderBytes];
        var bound = header[0] switch
        {
            UnboundVersion => string.Empty,
            ColumnBoundVersion => binding,
            _ => $"{binding}#{row}",
        };

        var data = new byte[HeaderBytes + Encoding.UTF8.GetByteCount(bound)];
        header.CopyTo(data);
        Encoding.UTF8.GetBytes(bound, data.AsSpan(HeaderBytes));
        return data;
    }
}
