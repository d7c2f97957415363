using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.Infrastructure.Provisioning;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// A backlog of bucket creations seeded through persistence (not HTTP) on the embedded SQLite file, worked by the
/// provisioning worker's rounds on the Sandbox: every job ends done once, every resource active with one cloud
/// creation and one audited change to active, and the jobs per second are printed. <c>WORKER_BENCH_JOBS</c> sets the
/// backlog (default 600).
/// </summary>
public sealed class WorkerBacklogTests(ITestOutputHelper output) : IDisposable
{
    private readonly OrchestratorApiFactory _factory = new OrchestratorApiFactory().With("Provisioning:BatchSize", "100");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_backlog_is_worked_in_batches_each_job_once()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("WORKER_BENCH_JOBS"), CultureInfo.InvariantCulture, out var n) ? n : 600;
        using var client = _factory.CreateClient();
        var ids = await SeedAsync(count);
        var worker = ActivatorUtilities.CreateInstance<ProvisioningWorker>(_factory.Services);
        using var commits = new CommitCounter(_factory.DataDirectory);

        var wall = Stopwatch.StartNew();
        var rounds = 0;
        while (await worker.RunOnceAsync(CancellationToken.None) > 0)
        {
            rounds++;
        }

        wall.Stop();
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.ProvisioningJobs.CountAsync(j => j.CompletedAt == null)).ShouldBe(0);
        (await db.ProvisioningJobs.CountAsync(j => j.LeaseVersion != 1)).ShouldBe(0, "a job was claimed more than once");
        (await db.Resources.CountAsync(r => r.Status == ResourceStatus.Active)).ShouldBe(count);
        (await db.AuditEvents.CountAsync(e => e.Action == "resource.status-changed" && e.Details == "provisioning -> active")).ShouldBe(count);
        var cloud = _factory.Services.GetRequiredService<SandboxCloud>();
        ids.ShouldAllBe(id => cloud.CreationsOf(id) == 1);
        rounds.ShouldBeLessThanOrEqualTo((count + 99) / 100);

        // Two transactions per round (read and prepare, record), not one or two per job.
        commits.Count.ShouldBeLessThanOrEqualTo(2 * rounds);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{count} jobs in {rounds} rounds, {commits.Count} transactions, {wall.Elapsed.TotalSeconds:F2} s: {count / wall.Elapsed.TotalSeconds:F0} jobs/s"));
    }

    private async Task<List<Guid>> SeedAsync(int count)
    {
        var owner = Guid.NewGuid();
        var ids = new List<Guid>();
        for (var offset = 0; offset < count; offset += 1000)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = DateTimeOffset.UtcNow;
            for (var i = offset; i < Math.Min(count, offset + 1000); i++)
            {
                var resource = Resource.Create(
                    Guid.NewGuid(), $"backlog{i}", ResourceType.S3, "us-east-1", new Dictionary<string, string> { ["env"] = "dev" }, new ResourceSpec(), owner, now);
                resource.ClearDomainEvents();
                db.Resources.Add(resource);
                db.ProvisioningJobs.Add(ProvisioningJob.Create(resource.Id, ProvisioningJobKind.Create, now));
                ids.Add(resource.Id);
            }

            await db.SaveChangesAsync();
        }

        return ids;
    }

    /// <summary>Counts the transactions EF commits on this test's database (other tests run in the same process).</summary>
    private sealed class CommitCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _dataDirectory;
        private readonly IDisposable _allListeners;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public CommitCounter(string dataDirectory)
        {
            _dataDirectory = dataDirectory;
            _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.TransactionCommitted.Name
                && value.Value is TransactionEndEventData { Context: { } context }
                && (context.Database.GetConnectionString() ?? string.Empty).Contains(_dataDirectory, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _allListeners.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
