using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Common.Paging;
using Orchestrator.Application.Resources.ListResources;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.Benchmarks;

/// <summary>
/// A page of 50 out of 10,000 resources (100 users, 100 resources with policies), read by a
/// non-admin whose view is filtered by ownership and policy grants in SQL, against the same page
/// with no read filter (the baseline). Each variant is a count, the page's positions, and its rows read by id.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ListQueryBenchmarks
{
    private const int Users = 100;
    private const int ResourcesPerUser = 100;
    private const int PoliciedResources = 100;

    private readonly Guid[] _users = [.. Enumerable.Range(0, Users).Select(_ => Guid.NewGuid())];
    private readonly ListResourcesQuery _query = new(null, null, null, [], Page: 3, PageSize: 50);
    private string _file = string.Empty;
    private DbContextOptions<SqliteAppDbContext> _options = null!;
    private PreparedSqliteResourceReader _rows = null!;

    private Guid Caller => _users[0];

    [GlobalSetup]
    public void Seed()
    {
        _file = Path.Combine(Path.GetTempPath(), $"orchestrator-bench-{Guid.NewGuid():N}.db");
        _options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_file}").UseFieldEncryption(new DesignTimeFieldEncryptor()).Options;
        using var db = new SqliteAppDbContext(_options);
        db.Database.Migrate();

        var now = DateTimeOffset.UtcNow;
        var tags = new Dictionary<string, string> { ["env"] = "dev", ["team"] = "bench" };
        var index = 0;
        foreach (var owner in _users)
        {
            for (var i = 0; i < ResourcesPerUser; i++, index++)
            {
                var resource = Resource.Create(
                    Guid.CreateVersion7(now.AddSeconds(index)), $"res{index}", ResourceType.S3, "us-east-1", tags,
                    new ResourceSpec { Versioning = false }, owner, now.AddSeconds(index));

                // Every 100th resource of the others carries a policy: half grant the caller, half a role.
                if (owner != Caller && index % (Users * ResourcesPerUser / PoliciedResources) == 0)
                {
                    var principal = index % 2 == 0 ? PolicyPrincipal.ForUser(Caller) : PolicyPrincipal.ForRole(Role.Viewer);
                    resource.ReplacePolicy(new ResourcePolicy([new PolicyStatement(PolicyEffect.Allow, [principal], [ResourceAction.Read])]), now);
                }

                db.Resources.Add(resource);
            }
        }

        db.SaveChanges();
        _rows = new PreparedSqliteResourceReader($"Data Source={_file}");
        Console.WriteLine($"// seeded {index} resources; the filtered page query is:");
        Console.WriteLine(ResourceListQuery.Page(Filtered(db), _query.Page, _query.PageSize).ToQueryString());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rows.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Benchmark(Baseline = true, Description = "page of 50, no read filter")]
    public async Task<int> Unfiltered()
    {
        await using var db = new SqliteAppDbContext(_options);
        var all = db.Resources.AsNoTracking().Where(r => r.Status != ResourceStatus.Deleted);
        var count = await all.CountAsync();
        return count + (await RowsAsync(ResourceListQuery.Page(all, _query.Page, _query.PageSize))).Count;
    }

    [Benchmark(Description = "page of 50, owner + policy grants filter")]
    public async Task<int> FilteredByPolicy()
    {
        await using var db = new SqliteAppDbContext(_options);
        var readable = Filtered(db);
        var count = await readable.CountAsync();
        return count + (await RowsAsync(ResourceListQuery.Page(readable, _query.Page, _query.PageSize))).Count;
    }

    private async Task<List<Resource>> RowsAsync(IQueryable<PagePosition> page) =>
        await _rows.FindManyAsync([.. (await page.ToListAsync()).Select(position => position.Id)], CancellationToken.None);

    private IQueryable<Resource> Filtered(SqliteAppDbContext db) =>
        ResourceListQuery.Filtered(db.Resources.AsNoTracking(), _query, Caller, Role.Operator);
}
