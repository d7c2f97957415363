using System.Net;
using Microsoft.Data.Sqlite;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Errors;

/// <summary>
/// A database too busy to answer within its lock wait (another process holding the file's write lock) is a 503 with
/// <c>Retry-After</c> that says nothing changed, never a 500; the service answers normally once the lock goes.
/// </summary>
public sealed class DatabaseBusyTests : IDisposable
{
    private readonly OrchestratorApiFactory _factory = new();

    public DatabaseBusyTests() =>
        // A one-second lock wait instead of thirty keeps the test short; the behaviour does not depend on the length.
        _factory.With("ConnectionStrings:Orchestrator", $"Data Source={_factory.DatabaseFile};Default Timeout=1");

    [Fact]
    public async Task A_locked_database_file_is_a_503_database_busy_and_the_service_recovers()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        using (var before = await admin.GetAsync("/api/v1/users"))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using (var holder = new SqliteConnection($"Data Source={_factory.DatabaseFile};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var exclusive = holder.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE;";
            await exclusive.ExecuteNonQueryAsync();

            using var busy = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", """{"name":"busy1","type":"s3","region":"us-east-1"}""");
            var problem = await busy.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem["type"]!.GetValue<string>().ShouldEndWith("database-busy");
            busy.Headers.RetryAfter.ShouldNotBeNull();
            ApiClient.ShouldLeakNothing(problem.ToJsonString());

            exclusive.CommandText = "ROLLBACK;";
            await exclusive.ExecuteNonQueryAsync();
        }

        using var after = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", """{"name":"busy1","type":"s3","region":"us-east-1"}""");
        after.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    public void Dispose() => _factory.Dispose();
}
