using System.Text;

namespace Orchestrator.Infrastructure.Encryption;

/// <summary>Field encryption with the data key ring: base64 of an <see cref="AesGcmEnvelope"/>.</summary>
public sealed class KeyRingFieldEncryptor(DataKeyRingProvider keys) : IFieldEncryptor
{
    public string Encrypt(string plaintext, string binding = "", string? row = null) =>
        Convert.ToBase64String(AesGcmEnvelope.Seal(keys.Current, Encoding.UTF8.GetBytes(plaintext), binding, row));

    public string Decrypt(string ciphertext, string binding = "", string? row = null)
    {
        var envelope = Decode(ciphertext);
        var ring = keys.Current;
        if (!ring.Keys.ContainsKey(AesGcmEnvelope.ReadKeyId(envelope)))
        {
            // Another instance may have rotated and written with a key this one has not read yet.
            ring = keys.Secret.RefreshForUnknownKey();
        }

        return Encoding.UTF8.GetString(AesGcmEnvelope.Open(ring, envelope, binding, row));
    }

    public bool IsRowBound(string ciphertext) => AesGcmEnvelope.ReadVersion(Decode(ciphertext)) == AesGcmEnvelope.Version;

    private static byte[] Decode(string ciphertext)
    {
        try
        {
            return Convert.FromBase64String(ciphertext);
        }
        catch (FormatException e)
        {
            throw new EncryptedValueException("The encrypted value is not base64: it was altered or was never encrypted.", e);
        }
    }
}
