using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>Stores a string property as its ciphertext; EF never passes nulls to a converter, so null stays null.</summary>
public sealed class EncryptedStringConverter(IFieldEncryptor encryptor)
    : ValueConverter<string, string>(plaintext => encryptor.Encrypt(plaintext), ciphertext => encryptor.Decrypt(ciphertext));
