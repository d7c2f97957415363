using Microsoft.Data.Sqlite;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>
/// Where the SQLite database is: <c>ConnectionStrings:Orchestrator</c>, defaulting to <c>&lt;data dir&gt;/orchestrator.db</c>; a
/// relative file is resolved against the content root, like the data directory. The service and the backup and restore
/// commands resolve it the same way.
/// </summary>
public static class SqliteDatabaseLocation
{
    public const string DefaultFileName = "orchestrator.db";

    public static string ConnectionString(string? configured, DataDirectory dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? string.Empty : configured);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            builder.DataSource = dataDirectory.Combine(DefaultFileName);
        }
        else if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = dataDirectory.ResolvePath(builder.DataSource);
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
