using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// The opt-in for encryption at rest: <c>builder.Property(u => u.MfaSecret).IsEncrypted();</c> in an entity
/// configuration. The context's <c>OnModelCreating</c> ends with <see cref="UseFieldEncryption"/>, and its options
/// with <c>UseFieldEncryption(encryptor)</c>, whose interceptors encrypt on save and decrypt on load, binding each
/// value to its entity, column and row (docs/decisions/0023-password-strength-hashing-and-data-at-rest.md).
/// </summary>
/// <remarks>
/// Only <c>SaveChanges</c> and entity queries pass through those interceptors: raw SQL, projections of the column and
/// set-based updates do not, so an encrypted column must never be written by <c>ExecuteUpdate</c> or SQL (the
/// context refuses an <c>ExecuteUpdate</c> that names one) nor read by a projection.
/// </remarks>
public static class FieldEncryptionExtensions
{
    public const string EncryptedAnnotation = "Orchestrator:Encrypted";

    /// <summary>Marks a string property (nullable or not) for encryption at rest; any other type fails when the model is built.</summary>
    public static PropertyBuilder<TProperty> IsEncrypted<TProperty>(this PropertyBuilder<TProperty> property) =>
        property.HasAnnotation(EncryptedAnnotation, true);

    /// <summary>Checks the marked properties: strings, of entities whose key is known before they are inserted.</summary>
    public static ModelBuilder UseFieldEncryption(this ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties()))
        {
            if (property.FindAnnotation(EncryptedAnnotation)?.Value is not true)
            {
                continue;
            }

            if (property.ClrType != typeof(string))
            {
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is marked encrypted but is not a string.");
            }

            if (property.IsKey())
            {
                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is marked encrypted but is part of the key that binds it.");
            }
        }

        return modelBuilder;
    }
}
