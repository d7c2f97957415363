using System.Security.Cryptography;

namespace Orchestrator.Infrastructure.Encryption;

/// <summary>An encrypted value that cannot be opened: tampered, truncated, or protected by a key the ring lacks.</summary>
public sealed class EncryptedValueException : CryptographicException
{
    public EncryptedValueException()
    {
    }

    public EncryptedValueException(string message)
        : base(message)
    {
    }

    public EncryptedValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
