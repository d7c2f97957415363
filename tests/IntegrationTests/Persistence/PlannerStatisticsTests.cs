using Microsoft.Data.Sqlite;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// The fixed planner statistics a migration writes (docs/decisions/0050-fixed-planner-statistics.md): every index of the
/// tables the lists read has a row, so that no index is left to SQLite's default guess, which would make it look more
/// selective than one described as a fifth of the fleet; an index added, or a table rebuilt by a later migration (which
/// drops its rows), fails here until its statistics are written again.
/// </summary>
public sealed class PlannerStatisticsTests
{
    [Theory]
    [InlineData("Resources")]
    [InlineData("ResourcePolicyGrants")]
    [InlineData("ResourceTags")]
    public async Task Every_index_of_a_listed_table_has_statistics_that_agree_on_the_tables_size(string table)
    {
        await using var file = await MigratedSqliteFile.CreateAsync("planner-statistics");
        await using var connection = new SqliteConnection(file.ConnectionString);
        await connection.OpenAsync();

        var indexes = await ReadAsync(connection, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = $table", table);
        var statistics = (await ReadAsync(connection, "SELECT idx || '=' || stat FROM sqlite_stat1 WHERE tbl = $table", table))
            .Select(row => row.Split('='))
            .ToDictionary(row => row[0], row => row[1].Split(' ').Select(long.Parse).ToList());

        statistics.Keys.ShouldBe(indexes, ignoreOrder: true);
        foreach (var (index, numbers) in statistics)
        {
            var columns = await ReadAsync(connection, "SELECT name FROM pragma_index_info($table)", index);
            numbers.Count.ShouldBe(columns.Count + 1, $"{index}: the table's rows, then rows per value of each column");
            numbers[0].ShouldBe(statistics.Values.First()[0], $"{index} disagrees on the size of {table}");
            numbers.Skip(1).ShouldBeInOrder(SortDirection.Descending, $"{index}: each further column narrows the rows");
        }
    }

    private static async Task<List<string>> ReadAsync(SqliteConnection connection, string sql, string parameter)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$table", parameter);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
