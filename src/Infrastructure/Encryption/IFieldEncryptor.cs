namespace Orchestrator.Infrastructure.Encryption;

/// <summary>
/// Encrypts the text of a sensitive field for storage and opens it again. The binding (the entity and column,
/// such as <c>User.TotpSecret</c>) and the row (its primary key) are authenticated with the value, so it opens only
/// where it was written.
/// </summary>
public interface IFieldEncryptor
{
    /// <summary>Without a <paramref name="row"/>, the value is bound to its column only (envelope version 2).</summary>
    string Encrypt(string plaintext, string binding = "", string? row = null);

    /// <summary>Throws <see cref="EncryptedValueException"/> when the value cannot be opened; never returns garbage.</summary>
    string Decrypt(string ciphertext, string binding = "", string? row = null);

    /// <summary>Whether a value that opened is in the current, row-bound format; older ones are rewritten when their row is next written.</summary>
    bool IsRowBound(string ciphertext);
}
