using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orchestrator.Infrastructure.Auditing;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Auditing;

/// <summary>
/// The audit hash chain over the real pipeline and SQLite file: concurrent writers (two hosts on one database
/// included) leave one unbroken chain, and an event edited, removed or inserted in the file is named by
/// <c>/api/v1/audit/verify</c>.
/// </summary>
public sealed class AuditChainTests(ITestOutputHelper output)
{
    private const int ParallelRequests = 12;

    [Fact]
    public async Task Concurrent_writers_on_two_hosts_sharing_one_database_leave_one_unbroken_chain()
    {
        using var first = new OrchestratorApiFactory();
        first.DeletesDataDirectoryOnDispose(false);
        using var firstAdmin = await first.CreateAdminClientAsync();
        using var second = OrchestratorApiFactory.OnDataDirectory(first.DataDirectory);
        using var secondAdmin = await second.CreateAdminClientAsync();
        var (viewer, _) = await first.CreateUserClientAsync("viewer");
        using var _v = viewer;

        // Creates (audited in the save) through both hosts and denials (audited on their own) at once.
        var requests = Enumerable.Range(0, ParallelRequests).SelectMany(i => new[]
        {
            firstAdmin.PostAsJsonAsync("/api/v1/resources", new { name = $"chainone{i}", type = "s3", region = "us-east-1" }),
            secondAdmin.PostAsJsonAsync("/api/v1/resources", new { name = $"chaintwo{i}", type = "s3", region = "us-east-1" }),
            viewer.GetAsync("/api/v1/audit"),
        });
        var responses = await Task.WhenAll(requests);
        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(2 * ParallelRequests);
        responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden).ShouldBe(ParallelRequests);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        using var audit = await firstAdmin.GetAsync("/api/v1/audit?pageSize=1");
        var total = (await audit.ReadJsonAsync())["totalCount"]!.GetValue<int>();
        using var verify = await secondAdmin.GetAsync("/api/v1/audit/verify");
        verify.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await verify.ReadJsonAsync();
        report["valid"]!.GetValue<bool>().ShouldBeTrue(report.ToJsonString());
        report["checked"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(total);
        report["firstBrokenEventId"].ShouldBeNull();

        // No two events share a place in the chain and none is left out.
        var database = new AuditChainDatabase(first.DatabaseFile);
        var rows = await database.QueryAsync("SELECT COUNT(*), COUNT(DISTINCT ChainSequence), MAX(ChainSequence), COUNT(ChainSequence) FROM AuditEvents");
        rows[0].ShouldBe([rows[0][0], rows[0][0], rows[0][0], rows[0][0]]);
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("deleted")]
    [InlineData("inserted")]
    [InlineData("unlinked")]
    public async Task Verify_names_the_first_event_that_was_tampered_with_in_the_file(string tampering)
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();
        for (var i = 0; i < 5; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/resources", new { name = $"tamper{i}", type = "s3", region = "us-east-1" });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        (await VerifyAsync(admin))["valid"]!.GetValue<bool>().ShouldBeTrue();
        var database = new AuditChainDatabase(factory.DatabaseFile);
        var last = await database.LastSequenceAsync();
        last.ShouldBeGreaterThanOrEqualTo(5);
        var expectedBroken = tampering switch
        {
            "edited" => await EditAsync(database, 3),
            "deleted" => await DeleteAsync(database, 3),
            "inserted" => await AppendWellFormedAsync(database, last),
            _ => await InsertOutsideTheChainAsync(database),
        };

        var report = await VerifyAsync(admin);
        report["valid"]!.GetValue<bool>().ShouldBeFalse(report.ToJsonString());
        report["firstBrokenEventId"]!.GetValue<Guid>().ShouldBe(expectedBroken, report.ToJsonString());
    }

    [Fact]
    public async Task Events_written_before_the_chain_are_linked_at_the_next_start()
    {
        using var first = new OrchestratorApiFactory();
        first.DeletesDataDirectoryOnDispose(false);
        using (var admin = await first.CreateAdminClientAsync())
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/resources", new { name = "legacy", type = "s3", region = "us-east-1" });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        // As the migration leaves a database that had events: none linked, the head at the start.
        var database = new AuditChainDatabase(first.DatabaseFile);
        await database.ExecuteAsync("UPDATE AuditEvents SET ChainSequence = NULL, PreviousHash = NULL, Hash = NULL");
        await database.ExecuteAsync($"UPDATE AuditChainHead SET LastSequence = 0, LastHash = '{AuditChainHash.Genesis}'");
        using (var admin = await first.CreateAdminClientAsync())
        {
            (await VerifyAsync(admin))["valid"]!.GetValue<bool>().ShouldBeFalse();
        }

        using var restarted = OrchestratorApiFactory.OnDataDirectory(first.DataDirectory);
        using var again = await restarted.CreateAdminClientAsync();
        var report = await VerifyAsync(again);
        report["valid"]!.GetValue<bool>().ShouldBeTrue(report.ToJsonString());
        report["checked"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Export_streams_the_filtered_events_oldest_first_as_ndjson_with_hashes_a_reader_can_recompute()
    {
        using var factory = new OrchestratorApiFactory();
        using var admin = await factory.CreateAdminClientAsync();
        var (operatorClient, _) = await factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;
        for (var i = 0; i < 4; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/resources", new { name = $"export{i}", type = "s3", region = "us-east-1" });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        using (var denied = await operatorClient.GetAsync("/api/v1/audit/export"))
        {
            (await denied.ShouldBeProblemAsync(HttpStatusCode.Forbidden))["detail"].ShouldNotBeNull();
        }

        using (var denied = await operatorClient.GetAsync("/api/v1/audit/verify"))
        {
            await denied.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        using var all = await admin.GetAsync("/api/v1/audit/export");
        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        all.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var lines = await LinesAsync(all);
        lines.Count.ShouldBeGreaterThan(4);
        lines.Select(l => l["occurredAt"]!.GetValue<DateTimeOffset>()).ShouldBeInOrder(SortDirection.Ascending);
        foreach (var line in lines)
        {
            line["hash"]!.GetValue<string>().ShouldBe(Recomputed(line), line.ToJsonString());
        }

        // The whole export, in chain order, links from the first event to the last.
        var previous = AuditChainHash.Genesis;
        foreach (var line in lines.OrderBy(l => l["chainSequence"]!.GetValue<long>()))
        {
            line["previousHash"]!.GetValue<string>().ShouldBe(previous);
            previous = line["hash"]!.GetValue<string>();
        }

        using var filtered = await admin.GetAsync("/api/v1/audit/export?action=resource.created");
        var created4 = await LinesAsync(filtered);
        created4.Count.ShouldBe(4);
        created4.ShouldAllBe(l => l["action"]!.GetValue<string>() == "resource.created");
        using var later = await admin.GetAsync($"/api/v1/audit/export?from={Uri.EscapeDataString(created4[2]["occurredAt"]!.GetValue<string>())}&action=resource.created");
        (await LinesAsync(later)).Select(l => l["id"]!.GetValue<Guid>()).ShouldBe(created4.Skip(2).Select(l => l["id"]!.GetValue<Guid>()));

        using var invalid = await admin.GetAsync("/api/v1/audit/export?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z");
        await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sequential_creates_cost_is_reported()
    {
        const int creates = 300;
        using var factory = new OrchestratorApiFactory().With("Quotas:S3Buckets", "1000");
        using var admin = await factory.CreateAdminClientAsync();
        for (var i = 0; i < 10; i++)
        {
            using var warm = await admin.PostAsJsonAsync("/api/v1/resources", new { name = $"warm{i}", type = "s3", region = "us-east-1" });
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < creates; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/resources", new { name = $"timed{i}", type = "s3", region = "us-east-1" });
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        output.WriteLine($"{creates} creates: {watch.Elapsed.TotalMilliseconds / creates:F2} ms each");
        (await VerifyAsync(admin))["valid"]!.GetValue<bool>().ShouldBeTrue();
    }

    private static async Task<JsonNode> VerifyAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/v1/audit/verify");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<List<JsonNode>> LinesAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldEndWith("\n");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    private static string Recomputed(JsonNode line) => AuditChainHash.Compute(
        line["chainSequence"]!.GetValue<long>(),
        line["previousHash"]!.GetValue<string>(),
        line["id"]!.GetValue<Guid>(),
        line["occurredAt"]!.GetValue<DateTimeOffset>(),
        line["userId"]?.GetValue<Guid>(),
        line["action"]!.GetValue<string>(),
        line["resourceId"]?.GetValue<Guid>(),
        line["outcome"]!.GetValue<string>(),
        line["clientIp"]?.GetValue<string>(),
        line["correlationId"]?.GetValue<string>(),
        line["details"]!.GetValue<string>());

    private static async Task<Guid> EditAsync(AuditChainDatabase database, long sequence)
    {
        (await database.ExecuteAsync($"UPDATE AuditEvents SET Details = 'nothing happened' WHERE ChainSequence = {sequence}")).ShouldBe(1);
        return await database.IdAtAsync(sequence);
    }

    private static async Task<Guid> DeleteAsync(AuditChainDatabase database, long sequence)
    {
        var next = await database.IdAtAsync(sequence + 1);
        (await database.ExecuteAsync($"DELETE FROM AuditEvents WHERE ChainSequence = {sequence}")).ShouldBe(1);
        return next;
    }

    /// <summary>An event appended with a correct hash, as someone who knows the encoding would, but behind the head's back.</summary>
    private static async Task<Guid> AppendWellFormedAsync(AuditChainDatabase database, long last)
    {
        var tail = (await database.QueryAsync($"SELECT OccurredAt, Hash FROM AuditEvents WHERE ChainSequence = {last}"))[0];
        var id = Guid.NewGuid();
        var occurredAt = (DateTimeOffset)new DateTimeOffsetToBinaryConverter().ConvertFromProvider(tail[0])!;
        var hash = AuditChainHash.Compute(last + 1, (string)tail[1]!, id, occurredAt, null, "user.deleted", null, "success", null, null, "covered up");
        await database.ExecuteAsync(
            "INSERT INTO AuditEvents (Id, OccurredAt, Action, Outcome, Details, ChainSequence, PreviousHash, Hash) VALUES (@id, @at, 'user.deleted', 'Success', 'covered up', @sequence, @previous, @hash)",
            ("@id", id.ToString().ToUpperInvariant()), ("@at", tail[0]), ("@sequence", last + 1), ("@previous", tail[1]), ("@hash", hash));
        return id;
    }

    private static async Task<Guid> InsertOutsideTheChainAsync(AuditChainDatabase database)
    {
        var id = Guid.NewGuid();
        await database.ExecuteAsync(
            "INSERT INTO AuditEvents (Id, OccurredAt, Action, Outcome, Details) VALUES (@id, '2026-01-01 00:00:00+00:00', 'user.deleted', 'Success', 'covered up')",
            ("@id", id.ToString().ToUpperInvariant()));
        return id;
    }
}
