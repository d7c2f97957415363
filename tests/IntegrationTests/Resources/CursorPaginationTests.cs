using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary>
/// Keyset pages over HTTP: <c>cursor</c> in, <c>nextCursor</c> out. Each page is read again through the caller's
/// read filter, resources created meanwhile neither repeat nor shift what follows, and a cursor that was changed or
/// belongs to another caller, filter or list is a 400 problem.
/// </summary>
public sealed class CursorPaginationTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Cursor_pages_give_each_readable_resource_once_in_order_while_resources_are_created_meanwhile()
    {
        var (reader, readerId) = await factory.CreateUserClientAsync("operator");
        using var _r = reader;
        var strangerId = Guid.CreateVersion7();

        // Several resources share a creation time, so the id must break the tie the same way on every page.
        var tied = DateTimeOffset.UtcNow.AddMinutes(-30);
        var owned = await SeedAsync(readerId, 20, tied);
        var granted = await SeedAsync(strangerId, 6, tied, readGrantTo: readerId);
        await SeedAsync(strangerId, 6, tied);
        var expected = await ListAllByPageNumberAsync(reader);
        expected.Count.ShouldBe(26);

        // The reader's page merges their own resources and the granted ones, whose times tie and interleave: the order is
        // the one worked out here from the rows, and pages by number cut it where a page of 7 does.
        expected.ShouldBe(await ListOrderAsync([.. owned, .. granted]));
        var byNumber = new List<string>();
        for (var number = 1; number <= 4; number++)
        {
            byNumber.AddRange(Ids(await GetPageAsync(reader, $"/api/v1/resources?pageSize=7&page={number}")));
        }

        byNumber.ShouldBe(expected);

        var first = await GetPageAsync(reader, "/api/v1/resources?pageSize=7");
        first["page"]!.GetValue<int>().ShouldBe(1);
        first["totalCount"]!.GetValue<int>().ShouldBe(26);
        var seen = Ids(first);
        var cursor = first["nextCursor"]!.GetValue<string>();

        // Twelve creations by the reader race the pages that follow: all are newer than any cursor's position.
        var creations = Enumerable.Range(0, 12)
            .Select(i => reader.CreateResourceAsync(new { name = $"racing{i:00}", type = "s3", region = "us-east-1" }))
            .ToList();
        while (cursor is not null)
        {
            var page = await GetPageAsync(reader, $"/api/v1/resources?pageSize=7&cursor={Uri.EscapeDataString(cursor)}");
            page["page"].ShouldBeNull();
            page["totalCount"].ShouldBeNull();
            page["pageSize"]!.GetValue<int>().ShouldBe(7);
            seen.AddRange(Ids(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        }

        foreach (var created in await Task.WhenAll(creations))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
            created.Dispose();
        }

        seen.ShouldBe(expected);
        (await ListAllByPageNumberAsync(reader)).Count.ShouldBe(38);
    }

    [Fact]
    public async Task A_grant_taken_back_between_pages_takes_the_resource_off_the_next_page()
    {
        var (reader, readerId) = await factory.CreateUserClientAsync("operator");
        using var _r = reader;
        var ownerId = Guid.CreateVersion7();
        var granted = await SeedAsync(ownerId, 6, DateTimeOffset.UtcNow.AddMinutes(-20), readGrantTo: readerId, tied: 0);

        var first = await GetPageAsync(reader, "/api/v1/resources?pageSize=2");
        Ids(first).ShouldBe([granted[5], granted[4]]);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var revoked = await db.Resources.FindAsync(Guid.Parse(granted[2]));
            revoked!.ReplacePolicy(new ResourcePolicy([]), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var second = await GetPageAsync(reader, $"/api/v1/resources?pageSize=2&cursor={Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>())}");
        Ids(second).ShouldBe([granted[3], granted[1]]);
    }

    [Fact]
    public async Task An_admins_list_by_one_tag_read_in_the_tag_index_gives_the_list_order_by_page_number_and_by_cursor()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var value = $"t{Guid.NewGuid():N}"[..13];
        var tags = new Dictionary<string, string> { ["team"] = value, ["suite"] = value };
        var ownerId = Guid.CreateVersion7();
        var tagged = await SeedAsync(ownerId, 12, DateTimeOffset.UtcNow.AddMinutes(-40), tags: tags);
        var later = await SeedAsync(ownerId, 1, DateTimeOffset.UtcNow.AddHours(-3), tags: new Dictionary<string, string> { ["suite"] = value });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // One hidden from admins by a Deny, one deleted: the walk passes both.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var hidden = await db.Resources.FindAsync(Guid.Parse(tagged[7]));
            hidden!.ReplacePolicy(
                new ResourcePolicy([new PolicyStatement(PolicyEffect.Deny, [PolicyPrincipal.ForRole(Role.Admin)], [ResourceAction.Read])]), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        await factory.ExecuteSqlAsync($"UPDATE Resources SET Status = 'Deleted' WHERE Id = '{tagged[2].ToUpperInvariant()}';");
        // Tagged now, created three hours ago: it is listed at its creation time, last.
        using (var retagged = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{later[0]}", JsonSerializer.Serialize(new { tags })))
        {
            retagged.StatusCode.ShouldBe(HttpStatusCode.OK, await retagged.Content.ReadAsStringAsync());
        }

        // Two tags walk the list's own order: the reference the one-tag reads must equal.
        var reference = Ids(await GetPageAsync(admin, $"/api/v1/resources?pageSize=100&tag=team:{value}&tag=suite:{value}"));
        reference.ShouldBe([.. tagged.Where((_, i) => i is not 7 and not 2).Reverse(), later[0]], ignoreOrder: true);
        reference[^1].ShouldBe(later[0]);

        reference.Count.ShouldBe(11);
        await ShouldListByNumberAndByCursorAsync(admin, $"/api/v1/resources?tag=team:{value}", 3, reference);
        Ids(await GetPageAsync(admin, $"/api/v1/resources?pageSize=100&tag=team:{value}&status=deleted")).ShouldBe([tagged[2]]);
    }

    [Theory]
    [InlineData("type=ec2")]
    [InlineData("status=active")]
    [InlineData("tag=suite:{0}")]
    [InlineData("type=ec2&status=active&tag=suite:{0}")]
    public async Task An_operators_filtered_list_gives_their_own_and_granted_matches_in_order_by_page_number_and_by_cursor(string filter)
    {
        var (reader, readerId) = await factory.CreateUserClientAsync("operator");
        using var _r = reader;
        var strangerId = Guid.CreateVersion7();
        var value = $"f{Guid.NewGuid():N}"[..13];
        filter = string.Format(CultureInfo.InvariantCulture, filter, value);
        var tags = new Dictionary<string, string> { ["suite"] = value };
        var tied = DateTimeOffset.UtcNow.AddMinutes(-50);

        // Matches are EC2, active and tagged; the rest differ in all three, so each filter alone tells them apart.
        var owned = await SeedAsync(readerId, 9, tied, tags: tags, type: ResourceType.Ec2);
        var granted = await SeedAsync(strangerId, 5, tied.AddMilliseconds(2), readGrantTo: readerId, tags: tags, type: ResourceType.Ec2);
        var deniedOwn = await SeedAsync(readerId, 1, tied.AddMilliseconds(4), tags: tags, type: ResourceType.Ec2, denyTo: readerId);
        var notGranted = await SeedAsync(strangerId, 3, tied, tags: tags, type: ResourceType.Ec2);
        await SeedAsync(readerId, 4, tied.AddMilliseconds(1));
        await SeedAsync(strangerId, 4, tied.AddMilliseconds(1), readGrantTo: readerId);
        var active = string.Join(", ", owned.Concat(granted).Concat(deniedOwn).Concat(notGranted).Select(id => $"'{id.ToUpperInvariant()}'"));
        await factory.ExecuteSqlAsync($"UPDATE Resources SET Status = 'Active' WHERE Id IN ({active});");

        var expected = await ListOrderAsync([.. owned, .. granted]);
        expected.Count.ShouldBe(14);
        await ShouldListByNumberAndByCursorAsync(reader, $"/api/v1/resources?{filter}", 4, expected);
    }

    [Fact]
    public async Task A_cursor_that_was_changed_or_belongs_to_another_caller_filter_or_list_is_a_400_problem()
    {
        var (reader, readerId) = await factory.CreateUserClientAsync("operator");
        var (other, _) = await factory.CreateUserClientAsync("operator");
        using var _r = reader;
        using var _o = other;
        using var admin = await factory.CreateAdminClientAsync();
        await SeedAsync(readerId, 3, DateTimeOffset.UtcNow.AddMinutes(-10));
        var cursor = (await GetPageAsync(reader, "/api/v1/resources?pageSize=1&type=s3"))["nextCursor"]!.GetValue<string>();
        var auditCursor = (await GetPageAsync(admin, "/api/v1/audit?pageSize=1"))["nextCursor"]!.GetValue<string>();

        // Still good with the same caller and filters, as the check below relies on.
        (await GetPageAsync(reader, $"/api/v1/resources?pageSize=1&type=s3&cursor={cursor}"))["items"]!.AsArray().Count.ShouldBe(1);

        var flipped = (cursor[10] == 'A' ? "B" : "A") + cursor[11..];
        var refused = new (HttpClient Client, string Url)[]
        {
            (reader, $"/api/v1/resources?type=s3&cursor={cursor[..10]}{flipped}"),
            (reader, $"/api/v1/resources?type=s3&cursor={cursor[..^1]}"),
            (reader, $"/api/v1/resources?type=s3&cursor={cursor}{cursor}"),
            (reader, $"/api/v1/resources?type=s3&cursor={new string('!', cursor.Length)}"),
            (reader, $"/api/v1/resources?type=ec2&cursor={cursor}"),
            (reader, $"/api/v1/resources?cursor={cursor}"),
            (reader, $"/api/v1/resources?type=s3&page=2&cursor={cursor}"),
            (other, $"/api/v1/resources?type=s3&cursor={cursor}"),
            (admin, $"/api/v1/resources?type=s3&cursor={cursor}"),
            (admin, $"/api/v1/resources?cursor={auditCursor}"),
            (admin, $"/api/v1/audit?cursor={cursor}"),
            (admin, $"/api/v1/audit?action=resource.created&cursor={auditCursor}"),
        };
        foreach (var (client, url) in refused)
        {
            using var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{url}: {string.Join('\n', factory.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => e.Message))}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace(url);
            problem["errors"]!.AsObject().Select(e => e.Key).ShouldBeSubsetOf(["cursor", "page"], url);
        }
    }

    [Fact]
    public async Task The_audit_log_walked_by_cursor_gives_the_same_events_as_its_page_numbers()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var (owner, _) = await factory.CreateUserClientAsync("operator");
        using var _o = owner;
        using var created = await owner.CreateResourceAsync(new { name = "auditwalk1", type = "s3", region = "us-east-1" });
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        for (var i = 0; i < 6; i++)
        {
            using var patched = await owner.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", JsonSerializer.Serialize(new { tags = new { round = $"r{i}" } }));
            patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var byNumber = Ids(await GetPageAsync(admin, $"/api/v1/audit?resourceId={id}&pageSize=200"));
        byNumber.Count.ShouldBe(7);

        var first = await GetPageAsync(admin, $"/api/v1/audit?resourceId={id}&pageSize=3");
        first["totalCount"]!.GetValue<int>().ShouldBe(7);
        var seen = Ids(first);
        var cursor = first["nextCursor"]?.GetValue<string>();
        var pages = 1;
        while (cursor is not null)
        {
            var page = await GetPageAsync(admin, $"/api/v1/audit?resourceId={id}&pageSize=3&cursor={cursor}");
            page["totalCount"].ShouldBeNull();
            seen.AddRange(Ids(page));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }

        pages.ShouldBe(3);
        seen.ShouldBe(byNumber);
    }

    /// <summary>The list at <paramref name="path"/> read by page number, each page counting them all, and by cursor: both give <paramref name="expected"/>, in its order.</summary>
    private static async Task ShouldListByNumberAndByCursorAsync(HttpClient client, string path, int pageSize, List<string> expected)
    {
        var byNumber = new List<string>();
        for (var number = 1; (number - 1) * pageSize < expected.Count; number++)
        {
            var page = await GetPageAsync(client, $"{path}&pageSize={pageSize}&page={number}");
            page["totalCount"]!.GetValue<int>().ShouldBe(expected.Count);
            byNumber.AddRange(Ids(page));
        }

        byNumber.ShouldBe(expected);
        (await client.ListIdsByCursorAsync($"{path}&pageSize={pageSize}")).ShouldBe(expected);
    }

    private static List<string> Ids(JsonNode page) => [.. page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>())];

    private static async Task<JsonNode> GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static async Task<List<string>> ListAllByPageNumberAsync(HttpClient client)
    {
        var page = await GetPageAsync(client, "/api/v1/resources?pageSize=100");
        page["totalCount"]!.GetValue<int>().ShouldBeLessThanOrEqualTo(100);
        return Ids(page);
    }

    /// <summary>
    /// The list order of these resources worked out from their rows without the service: newest first, then the id as
    /// SQLite stores it (upper-case text, compared byte by byte), descending.
    /// </summary>
    private async Task<List<string>> ListOrderAsync(IReadOnlyCollection<string> ids)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = ids.Select(Guid.Parse).ToList();
        var rows = await db.Resources.AsNoTracking().Where(r => keys.Contains(r.Id)).Select(r => new { r.Id, r.CreatedAt }).ToListAsync();
        return [.. rows.OrderByDescending(r => r.CreatedAt.UtcTicks)
            .ThenByDescending(r => r.Id.ToString().ToUpperInvariant(), StringComparer.Ordinal)
            .Select(r => r.Id.ToString())];
    }

    /// <summary>Resources straight into the database, oldest first, a millisecond apart except the first <paramref name="tied"/>, which share <paramref name="start"/>.</summary>
    private async Task<List<string>> SeedAsync(
        Guid ownerId, int count, DateTimeOffset start, Guid? readGrantTo = null, int tied = 3, IReadOnlyDictionary<string, string>? tags = null,
        ResourceType type = ResourceType.S3, Guid? denyTo = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMilliseconds(i < tied ? 0 : i - tied + 1);
            var resource = Resource.Create(
                Guid.CreateVersion7(at), $"seed{Guid.NewGuid():N}"[..20], type, "us-east-1",
                tags ?? new Dictionary<string, string>(), new ResourceSpec(), ownerId, at);
            var statements = new List<PolicyStatement>();
            if (readGrantTo is { } grantee)
            {
                statements.Add(new PolicyStatement(PolicyEffect.Allow, [PolicyPrincipal.ForUser(grantee)], [ResourceAction.Read]));
            }

            if (denyTo is { } denied)
            {
                statements.Add(new PolicyStatement(PolicyEffect.Deny, [PolicyPrincipal.ForUser(denied)], [ResourceAction.Read]));
            }

            if (statements.Count > 0)
            {
                resource.ReplacePolicy(new ResourcePolicy(statements), at);
            }

            db.Resources.Add(resource);
            ids.Add(resource.Id.ToString());
        }

        await db.SaveChangesAsync();
        return ids;
    }
}
