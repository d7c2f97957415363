using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// Both providers' migrations stay in step with the model. SQL Server cannot run here, so its
/// migrations are checked by model comparison and by generating the deployment script.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_model_has_no_changes_without_a_migration()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);
        context.Database.HasPendingModelChanges().ShouldBeFalse("run: dotnet ef migrations add <Name> --context SqliteAppDbContext");
    }

    [Fact]
    public void SqlServer_model_has_no_changes_without_a_migration()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        context.Database.HasPendingModelChanges().ShouldBeFalse("run: dotnet ef migrations add <Name> --context SqlServerAppDbContext");
    }

    [Fact]
    public void SqlServer_idempotent_script_creates_every_table()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "[Resources]", "[ResourceTags]", "[Users]", "[IdempotencyRecords]", "[ProvisioningJobs]", "[__EFMigrationsHistory]" })
        {
            script.ShouldContain($"CREATE TABLE {table}");
        }

        script.ShouldContain("IF NOT EXISTS");
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_file_and_record_every_migration()
    {
        var file = Path.Combine(Path.GetTempPath(), $"orchestrator-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file}").UseFieldEncryption(new DesignTimeFieldEncryptor()).Options;
            await using (var context = new SqliteAppDbContext(options))
            {
                await context.Database.MigrateAsync();
                (await context.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
                (await context.Database.GetAppliedMigrationsAsync()).ShouldBe(context.Database.GetMigrations());
                (await context.Users.CountAsync()).ShouldBe(0);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
