using Microsoft.Data.Sqlite;

namespace Orchestrator.IntegrationTests.Auditing;

/// <summary>Reads and changes the audit table straight in the SQLite file, as someone with the file would.</summary>
internal sealed class AuditChainDatabase(string databaseFile)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString();

    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The id of the event at this place in the chain.</summary>
    public async Task<Guid> IdAtAsync(long sequence) =>
        Guid.Parse((string)(await QueryAsync($"SELECT Id FROM AuditEvents WHERE ChainSequence = {sequence}"))[0][0]!);

    public async Task<long> LastSequenceAsync() => (long)(await QueryAsync("SELECT MAX(ChainSequence) FROM AuditEvents"))[0][0]!;
}
