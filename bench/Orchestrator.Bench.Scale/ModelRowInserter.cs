using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrator.Bench.Scale;

/// <summary>
/// Inserts entities of one type with one prepared statement, every column converted as the service's EF model maps
/// it (value converters, provider types, parameter types), so that a bulk row reads back like one the service saved.
/// </summary>
/// <remarks>
/// Shadow properties are the owner's key (set to <c>owner</c>), a tag's copy of its resource's creation time (set to
/// <c>ownerCreatedAt</c>) and a client-generated Guid key (a new one per row); a database-numbered key (SQLite's integer
/// primary key) is left out of the statement.
/// </remarks>
internal sealed class ModelRowInserter
{
    private const string OwnerCreatedAt = "ResourceCreatedAt";

    private readonly SqliteCommand _command;
    private readonly Column[] _columns;

    public ModelRowInserter(SqliteConnection connection, IEntityType entityType)
    {
        var properties = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .ToArray();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _command = connection.CreateCommand();
        _columns = new Column[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = (SqliteParameter)mapping.CreateParameter(_command, $"@p{i}", null, property.IsNullable);
            _command.Parameters.Add(parameter);
            _columns[i] = new Column(property, property.IsShadowProperty() ? null : property.GetGetter(), mapping.Converter, parameter);
        }

        var names = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""));
        var values = string.Join(", ", properties.Select((_, i) => $"@p{i}"));
        _command.CommandText = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({values});";
    }

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public void Insert(object entity, Guid owner = default, DateTimeOffset ownerCreatedAt = default)
    {
        foreach (var column in _columns)
        {
            object? value = column.Getter is { } getter
                ? getter.GetClrValue(entity)
                : column.Property.IsForeignKey() ? owner
                : column.Property.Name == OwnerCreatedAt ? ownerCreatedAt
                : Guid.NewGuid();
            column.Parameter.Value = value is null ? DBNull.Value : column.Converter?.ConvertToProvider(value) ?? value;
        }

        _command.ExecuteNonQuery();
    }

    private sealed record Column(IProperty Property, IClrPropertyGetter? Getter, ValueConverter? Converter, SqliteParameter Parameter);
}
