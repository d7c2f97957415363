using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// Stores a string property as its ciphertext, bound to its entity and column (<c>User.TotpSecret</c>); EF never
/// passes nulls to a converter, so null stays null.
/// </summary>
public sealed class EncryptedStringConverter(IFieldEncryptor encryptor, string binding)
    : ValueConverter<string, string>(plaintext => encryptor.Encrypt(plaintext, binding), ciphertext => encryptor.Decrypt(ciphertext, binding));
