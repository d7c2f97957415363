namespace Orchestrator.Infrastructure.Encryption;

/// <summary>Encrypts the text of a sensitive field for storage and opens it again.</summary>
public interface IFieldEncryptor
{
    string Encrypt(string plaintext);

    /// <summary>Throws <see cref="EncryptedValueException"/> when the value cannot be opened; never returns garbage.</summary>
    string Decrypt(string ciphertext);
}
