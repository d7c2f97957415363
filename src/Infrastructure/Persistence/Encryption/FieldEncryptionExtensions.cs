using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// The opt-in for encryption at rest: <c>builder.Property(u => u.MfaSecret).IsEncrypted();</c> in an entity
/// configuration. The context's <c>OnModelCreating</c> ends with <see cref="UseFieldEncryption"/>, which gives
/// every marked property the converter.
/// </summary>
public static class FieldEncryptionExtensions
{
    public const string EncryptedAnnotation = "Orchestrator:Encrypted";

    /// <summary>Marks a string property (nullable or not) for encryption at rest; any other type fails when the model is built.</summary>
    public static PropertyBuilder<TProperty> IsEncrypted<TProperty>(this PropertyBuilder<TProperty> property) =>
        property.HasAnnotation(EncryptedAnnotation, true);

    public static ModelBuilder UseFieldEncryption(this ModelBuilder modelBuilder, IFieldEncryptor encryptor)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties()))
        {
            if (property.FindAnnotation(EncryptedAnnotation)?.Value is true)
            {
                if (property.ClrType != typeof(string))
                {
                    throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is marked encrypted but is not a string.");
                }

                property.SetValueConverter(new EncryptedStringConverter(encryptor, $"{property.DeclaringType.ClrType.Name}.{property.Name}"));
            }
        }

        return modelBuilder;
    }
}
