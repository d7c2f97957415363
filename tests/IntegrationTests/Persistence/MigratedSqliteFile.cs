using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>A temporary SQLite file with the service's schema, for tests of its queries on a real file; deleted on dispose.</summary>
internal sealed class MigratedSqliteFile : IAsyncDisposable
{
    private MigratedSqliteFile(string path) => ConnectionString = $"Data Source={path}";

    public string ConnectionString { get; }

    private string Path => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public static async Task<MigratedSqliteFile> CreateAsync(string name)
    {
        var file = new MigratedSqliteFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"orchestrator-{name}-{Guid.NewGuid():N}.db"));
        await using var db = file.NewContext();
        await db.Database.MigrateAsync();
        return file;
    }

    /// <summary>
    /// A context as the service configures it, with field encryption, on the provider's own connections (which carry EF's SQL
    /// functions, the service's do not: ADR 0058); <paramref name="recorder"/> keeps what it runs, and
    /// <paramref name="kept"/> runs its reads on connections that keep their statements prepared, as the service's do, and
    /// <paramref name="keptWrites"/> its grouped saves' statements on the group's writer.
    /// </summary>
    public SqliteAppDbContext NewContext(
        DesignTimeFieldEncryptor? encryptor = null, StatementRecorder? recorder = null, SqliteKeptStatements? kept = null, bool keptWrites = false)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(ConnectionString)
            .UseFieldEncryption(encryptor ?? new DesignTimeFieldEncryptor());
        if (kept is not null)
        {
            options.AddInterceptors(kept, SqliteStatementInterruption.Instance);
        }

        if (keptWrites)
        {
            options.AddInterceptors(SqliteWriterStatements.Instance);
        }

        return new(recorder is null ? options.Options : options.AddInterceptors(recorder).Options);
    }

    /// <summary>
    /// Migrates the file back to just before the migration named <c>*_<paramref name="migration"/></c>, so that a test can
    /// write the rows that migration must carry over and then migrate again.
    /// </summary>
    public async Task MigrateToJustBeforeAsync(string migration)
    {
        await using var db = NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        var target = migrations.Single(m => m.EndsWith("_" + migration, StringComparison.Ordinal));
        await db.Database.GetService<IMigrator>().MigrateAsync(migrations[migrations.IndexOf(target) - 1]);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
