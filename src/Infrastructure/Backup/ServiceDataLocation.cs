using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Secrets;
using Orchestrator.Infrastructure.Storage;

namespace Orchestrator.Infrastructure.Backup;

/// <summary>What backup and restore work on: the data directory, the SQLite file in it and the secret store, from the service's configuration.</summary>
public sealed record ServiceDataLocation(DataDirectory DataDirectory, string DatabaseFile, bool LocalSecrets, string SecretStore)
{
    /// <summary>The location, or a sentence saying why these commands cannot work with this configuration.</summary>
    public static (ServiceDataLocation? Location, string? Problem) Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"Database:Provider is {provider}: back it up and restore it with the database's own tools (SQL Server: BACKUP DATABASE / RESTORE DATABASE), and keep the secret store too; docs/operating.md says how.");
        }

        var secrets = configuration.GetSection(SecretsOptions.SectionName).Get<SecretsOptions>() ?? new SecretsOptions();
        var dataDirectory = new DataDirectory(configuration, environment);
        var databaseFile = new SqliteConnectionStringBuilder(SqliteDatabaseLocation.ConnectionString(configuration.GetConnectionString("Orchestrator"), dataDirectory)).DataSource;
        if (databaseFile is "" or ":memory:")
        {
            return (null, "The database is in memory; there is nothing to back up or restore.");
        }

        return (new ServiceDataLocation(dataDirectory, databaseFile, !secrets.UsesAwsSecretsManager, secrets.Provider), null);
    }
}
