using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>A context whose model encrypts properties marked with <see cref="FieldEncryptionExtensions.IsEncrypted"/>.</summary>
public interface IFieldEncryptingContext
{
    IFieldEncryptor FieldEncryptor { get; }
}
