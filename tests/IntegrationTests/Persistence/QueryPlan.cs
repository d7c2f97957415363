using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// SQLite's plan for a statement from <c>ToQueryString</c>, binding the <c>.param set</c> lines EF puts in front of it, as the
/// service prepares it (its LIMIT left unread by the planner: <see cref="SqliteLimitParameters"/>).
/// </summary>
internal static class QueryPlan
{
    public static async Task<List<string>> ExplainAsync(DbContext db, string statement)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var sql = new List<string>();
        foreach (var line in statement.Split('\n'))
        {
            var parts = line.Split(' ', 4);
            if (parts is [".param", "set", var name, var value])
            {
                command.Parameters.AddWithValue(name, value.Trim('\''));
            }
            else
            {
                sql.Add(line);
            }
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteLimitParameters.Unread(string.Join('\n', sql));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
