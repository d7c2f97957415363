namespace Orchestrator.Infrastructure.Encryption;

/// <summary>
/// Encrypts the text of a sensitive field for storage and opens it again. The binding (the entity and
/// column, such as <c>User.TotpSecret</c>) is authenticated with the value, so it opens only where it was written.
/// </summary>
public interface IFieldEncryptor
{
    string Encrypt(string plaintext, string binding = "");

    /// <summary>Throws <see cref="EncryptedValueException"/> when the value cannot be opened; never returns garbage.</summary>
    string Decrypt(string ciphertext, string binding = "");
}
