using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The resource policy behavior's one query (a resource with its tags and policy grants, by id, out of
/// 10,000), as GET /api/v1/resources/{id} runs it: a new context per request, tracked (what an update
/// needs) against no-tracking (enough for a read), each as one statement and split into three (resource,
/// tags, grants, the provider setting), EF's compiled query (<see cref="CompiledResourceLoader"/>: compiled,
/// no-tracking, one statement; what a change still uses), and the API's read on SQLite
/// (<see cref="PreparedSqliteResourceReader"/>: no EF, the statement prepared once per connection).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ResourceLoadBenchmarks
{
    private string _file = string.Empty;
    private DbContextOptions<SqliteAppDbContext> _options = null!;
    private PreparedSqliteResourceReader _reader = null!;
    private Guid _id;

    [GlobalSetup]
    public void Seed()
    {
        _file = Path.Combine(Path.GetTempPath(), $"orchestrator-load-{Guid.NewGuid():N}.db");
        _options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_file}").UseFieldEncryption(new DesignTimeFieldEncryptor()).Options;
        using var db = new SqliteAppDbContext(_options);
        db.Database.Migrate();
        var now = DateTimeOffset.UtcNow;
        var tags = new Dictionary<string, string> { ["env"] = "dev", ["team"] = "bench" };
        for (var i = 0; i < 10_000; i++)
        {
            var resource = Resource.Create(
                Guid.CreateVersion7(now.AddSeconds(i)), $"res{i}", ResourceType.S3, "us-east-1", tags,
                new ResourceSpec { Versioning = false }, Guid.CreateVersion7(), now.AddSeconds(i));
            db.Resources.Add(resource);
            if (i == 5_000)
            {
                _id = resource.Id;
            }
        }

        db.SaveChanges();
        _reader = new PreparedSqliteResourceReader($"Data Source={_file}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Benchmark(Baseline = true, Description = "tracked (before)")]
    public async Task<Resource?> Tracked()
    {
        await using var db = new SqliteAppDbContext(_options);
        return await db.Resources.Include(r => r.Tags).Include(r => r.PolicyGrants).FirstOrDefaultAsync(r => r.Id == _id);
    }

    [Benchmark(Description = "no-tracking")]
    public async Task<Resource?> NoTracking()
    {
        await using var db = new SqliteAppDbContext(_options);
        return await db.Resources.AsNoTracking().Include(r => r.Tags).Include(r => r.PolicyGrants).FirstOrDefaultAsync(r => r.Id == _id);
    }

    [Benchmark(Description = "no-tracking, split query (the API's provider setting)")]
    public async Task<Resource?> NoTrackingSplit()
    {
        await using var db = new SqliteAppDbContext(_options);
        return await db.Resources.AsNoTracking().AsSplitQuery().Include(r => r.Tags).Include(r => r.PolicyGrants).FirstOrDefaultAsync(r => r.Id == _id);
    }

    [Benchmark(Description = "tracked, split query (the API before)")]
    public async Task<Resource?> TrackedSplit()
    {
        await using var db = new SqliteAppDbContext(_options);
        return await db.Resources.AsSplitQuery().Include(r => r.Tags).Include(r => r.PolicyGrants).FirstOrDefaultAsync(r => r.Id == _id);
    }

    [Benchmark(Description = "compiled, no-tracking, one statement (CompiledResourceLoader)")]
    public async Task<Resource?> Compiled()
    {
        await using var db = new SqliteAppDbContext(_options);
        return await new CompiledResourceLoader(db).FindAsync(_id, forChange: false, CancellationToken.None);
    }

    [Benchmark(Description = "prepared once per connection, no EF (the API's read: PreparedSqliteResourceReader)")]
    public Task<Resource?> Prepared() => _reader.FindAsync(_id, CancellationToken.None);
}
