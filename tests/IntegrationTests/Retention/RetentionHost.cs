using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Retention;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Retention;

/// <summary>
/// The real API on a real SQLite file and a fake clock, with the retention worker off unless a test turns it on, so a
/// test runs each purge itself; batches of 3 rows, so every rule needs several.
/// </summary>
public sealed class RetentionHost : IDisposable
{
    public const int BatchSize = 3;

    public RetentionHost(DateTimeOffset start, Action<OrchestratorApiFactory>? configure = null)
    {
        Clock = new FakeTimeProvider(start);
        Factory = new OrchestratorApiFactory()
            .With("Retention:Enabled", "false")
            .With("Retention:BatchSize", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Retention:Interval", "01:00:00")
            .With("Retention:IdempotencyAge", "1.00:00:00")
            .With("Retention:SessionAge", "02:00:00")
            .With("Retention:JobAge", "3.00:00:00")
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        configure?.Invoke(Factory);
        _ = Factory.Server;
    }

    public FakeTimeProvider Clock { get; }

    public OrchestratorApiFactory Factory { get; }

    public async Task<PurgeReport?> PurgeAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunIfDueAsync(CancellationToken.None);
    }

    public async Task WithDatabaseAsync(Func<IApplicationDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<IApplicationDbContext>());
    }

    /// <summary>Rows per table of the SQLite file, read with a connection of its own (EF's migrations history left out).</summary>
    public IReadOnlyDictionary<string, long> TableSizes() => TableSizes(Factory.DatabaseFile);

    public static IReadOnlyDictionary<string, long> TableSizes(string databaseFile)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var sizes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            sizes[table] = (long)count.ExecuteScalar()!;
        }

        return sizes;
    }

    public void Dispose() => Factory.Dispose();
}
