using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>
/// EF's connections carry none of the SQL functions its SQLite provider would register on them (and Microsoft.Data.Sqlite
/// again on every open), and the model gives EF no reason to call one: no decimal column, whose arithmetic, comparison
/// and aggregates EF translates to them (docs/decisions/0058-sqlite-connections-without-ef-functions.md).
/// </summary>
public sealed class SqliteConnectionsWithoutEfFunctionsTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public Task A_context_from_the_service_opens_its_connection_without_the_providers_functions() =>
        ServiceSqliteConnections.CheckEveryOpenAsync(factory, connection =>
        {
            foreach (var call in new[] { "ef_mod(5, 3)", "ef_compare_gt(2, 1)", "regexp('a', 'a')" })
            {
                var refused = Should.Throw<SqliteException>(() => Scalar(connection, call));
                refused.Message.ShouldContain("no such function");
            }

            Scalar(connection, "1 + 1").ShouldBe(2L);
        });

    [Fact]
    public async Task The_providers_own_connection_has_them_so_the_test_above_can_fail()
    {
        await using var database = await MigratedSqliteFile.CreateAsync("ef-functions");
        await using var context = new PlainContext(new DbContextOptionsBuilder<PlainContext>().UseSqlite(database.ConnectionString).Options);
        await context.Database.OpenConnectionAsync();

        var remainder = Scalar((SqliteConnection)context.Database.GetDbConnection(), "ef_mod(5, 3)");
        Convert.ToDecimal(remainder, CultureInfo.InvariantCulture).ShouldBe(2m);
    }

    [Fact]
    public async Task No_column_of_the_model_is_a_decimal()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        var decimals = model.GetEntityTypes()
            .SelectMany(entity => entity.GetProperties(), (entity, property) => (entity, property))
            .Where(column => IsDecimal(column.property.ClrType) || IsDecimal(column.property.GetProviderClrType()))
            .Select(column => $"{column.entity.DisplayName()}.{column.property.Name}")
            .ToList();

        decimals.ShouldBeEmpty("EF calls its ef_* SQL functions for a decimal column; see ADR 0058 before adding one");
        model.GetEntityTypes().ShouldNotBeEmpty();
    }

    private static bool IsDecimal(Type? type) => type is not null && (Nullable.GetUnderlyingType(type) ?? type) == typeof(decimal);

    private static object? Scalar(SqliteConnection connection, string expression)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {expression};";
        return command.ExecuteScalar();
    }

    private sealed class PlainContext(DbContextOptions<PlainContext> options) : DbContext(options);
}
