using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Orchestrator.Infrastructure.Encryption;

/// <summary>
/// AES-256-GCM with the key id inside the ciphertext, so that any key of the ring can open it:
/// <c>version (1) | key id (4, big-endian) | nonce (12) | tag (16) | ciphertext</c>. The version and key id
/// are authenticated as associated data, so changing either fails like any other tampering. Version 2 also
/// authenticates a binding (the entity and column a value belongs to), so a value moved to another column
/// does not open; version 1 values (no binding) still open until rewritten
/// (docs/decisions/0023-password-strength-hashing-and-data-at-rest.md).
/// </summary>
public static class AesGcmEnvelope
{
    public const byte Version = 2;
    public const byte UnboundVersion = 1;

    private const int HeaderBytes = 1 + sizeof(uint);
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MinimumBytes = HeaderBytes + NonceBytes + TagBytes;

    public static byte[] Seal(DataKeyRing ring, ReadOnlySpan<byte> plaintext, string binding = "")
    {
        var envelope = new byte[MinimumBytes + plaintext.Length];
        envelope[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(envelope.AsSpan(1, sizeof(uint)), ring.ActiveKeyId);
        var nonce = envelope.AsSpan(HeaderBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(ring.ActiveKey, TagBytes);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(MinimumBytes), envelope.AsSpan(HeaderBytes + NonceBytes, TagBytes), AssociatedData(envelope, binding));
        return envelope;
    }

    /// <summary>The key id an envelope names, without opening it.</summary>
    public static uint ReadKeyId(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < MinimumBytes)
        {
            throw new EncryptedValueException($"The encrypted value is truncated: {envelope.Length} bytes, at least {MinimumBytes} expected.");
        }

        if (envelope[0] is not (Version or UnboundVersion))
        {
            throw new EncryptedValueException($"The encrypted value has format version {envelope[0]}; only {UnboundVersion} and {Version} are known.");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(envelope.Slice(1, sizeof(uint)));
    }

    public static byte[] Open(DataKeyRing ring, ReadOnlySpan<byte> envelope, string binding = "")
    {
        var keyId = ReadKeyId(envelope);
        if (!ring.Keys.TryGetValue(keyId, out var key))
        {
            throw new EncryptedValueException($"The encrypted value names key {DataKeyRing.FormatKeyId(keyId)}, which is not in the key ring.");
        }

        var plaintext = new byte[envelope.Length - MinimumBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(envelope.Slice(HeaderBytes, NonceBytes), envelope[MinimumBytes..], envelope.Slice(HeaderBytes + NonceBytes, TagBytes), plaintext, AssociatedData(envelope, binding));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new EncryptedValueException(
                $"The encrypted value failed authentication with key {DataKeyRing.FormatKeyId(keyId)}: it was altered, truncated, moved from another column or sealed with another key.", e);
        }
    }

    // Version 1 authenticated the header alone; version 2 the header and the binding.
    private static byte[] AssociatedData(ReadOnlySpan<byte> envelope, string binding)
    {
        var header = envelope[..HeaderBytes];
        if (header[0] == UnboundVersion)
        {
            return header.ToArray();
        }

        var data = new byte[HeaderBytes + System.Text.Encoding.UTF8.GetByteCount(binding)];
        header.CopyTo(data);
        System.Text.Encoding.UTF8.GetBytes(binding, data.AsSpan(HeaderBytes));
        return data;
    }
}
