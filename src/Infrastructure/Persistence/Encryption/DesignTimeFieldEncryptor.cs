using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>For <c>dotnet ef</c>, which builds the model but never reads or writes a row.</summary>
public sealed class DesignTimeFieldEncryptor : IFieldEncryptor
{
    public string Encrypt(string plaintext, string binding = "", string? row = null) => throw new NotSupportedException("No data key ring at design time.");

    public string Decrypt(string ciphertext, string binding = "", string? row = null) => throw new NotSupportedException("No data key ring at design time.");

    public bool IsRowBound(string ciphertext) => throw new NotSupportedException("No data key ring at design time.");
}
