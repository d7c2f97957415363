using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Encryption;

/// <summary>
/// What the field-encryption interceptors share: the encrypted properties of an entity type, the text that binds a
/// value (<c>User.TotpSecret</c>) and its row (the primary key), and the context's encryptor.
/// </summary>
internal static class EncryptedProperties
{
    private static readonly ConditionalWeakTable<IEntityType, IReadOnlyList<IProperty>> ByEntityType = [];

    public static IReadOnlyList<IProperty> Of(IEntityType entityType) =>
        ByEntityType.GetValue(entityType, type => [.. type.GetProperties().Where(p => p.FindAnnotation(FieldEncryptionExtensions.EncryptedAnnotation)?.Value is true)]);

    /// <summary>The entity and column, exactly as envelope version 2 bound them.</summary>
    public static string Binding(IProperty property) => $"{property.DeclaringType.ClrType.Name}.{property.Name}";

    /// <summary>The primary key's values, in invariant text (a Guid as <c>D</c>), joined by commas when composite.</summary>
    public static string Row(IEntityType entityType, Func<IProperty, object?> valueOf) =>
        string.Join(',', entityType.FindPrimaryKey()!.Properties.Select(p => valueOf(p) switch
        {
            Guid id => id.ToString("D"),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            var value => value?.ToString() ?? string.Empty,
        }));

    public static IFieldEncryptor Encryptor(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<FieldEncryptionOptionsExtension>()?.Encryptor
            ?? throw new InvalidOperationException($"{context.GetType().Name} has encrypted properties but its options lack UseFieldEncryption(encryptor).");

    /// <summary>Sets the CLR member without change tracking (the setter may be private): the value the entity holds in memory.</summary>
    public static void SetClrValue(IProperty property, object entity, string? value)
    {
        if (property.FieldInfo is { } field)
        {
            field.SetValue(entity, value);
        }
        else
        {
            property.PropertyInfo!.SetValue(entity, value);
        }
    }
}
