using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Cloud.Sandbox;
using Orchestrator.Infrastructure.Drift;
using Orchestrator.Infrastructure.Persistence;
using Orchestrator.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Orchestrator.IntegrationTests.Drift;

/// <summary>
/// One full drift pass over many active Sandbox resources seeded through persistence (not HTTP), on a fake clock that
/// moves only while the per-region budget makes the worker wait: no region ever gets more calls in a minute than its
/// budget (plus the five-second burst), every resource is checked exactly once, and the figures are printed.
/// <c>DRIFT_BENCH_RESOURCES</c> sets the count (default 400; <c>bench/drift.sh</c> runs 10,000).
/// </summary>
public sealed class DriftAtScaleTests(ITestOutputHelper output) : IDisposable
{
    private const int CallsPerMinute = 600;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);
    private static readonly string[] Regions = ["us-east-1", "eu-west-2", "eu-central-1", "ap-southeast-2"];

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private OrchestratorApiFactory? _factory;

    public void Dispose() => _factory?.Dispose();

    [Fact]
    public async Task A_full_pass_checks_every_resource_once_within_each_regions_call_budget()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DRIFT_BENCH_RESOURCES"), CultureInfo.InvariantCulture, out var n) ? n : 400;
        _factory = new OrchestratorApiFactory()
            .With("Drift:Interval", "1.00:00:00")
            .With("Drift:MaxCallsPerMinutePerRegion", CallsPerMinute.ToString(CultureInfo.InvariantCulture))
            .With("Drift:BatchSize", "200")
            .With("Drift:LeaseDuration", LeaseDuration.ToString())
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock));
        using var client = _factory.CreateClient();
        var cloud = _factory.Services.GetRequiredService<SandboxCloud>();
        await SeedAsync(cloud, count);

        var worker = ActivatorUtilities.CreateInstance<DriftWorker>(_factory.Services);
        var budget = _factory.Services.GetRequiredService<RegionCallBudget>();
        var start = _clock.GetUtcNow();
        var wall = Stopwatch.StartNew();
        var minuteStart = start;
        var callsAtMinuteStart = new Dictionary<string, int>(StringComparer.Ordinal);
        var busiestMinute = 0;
        var checkedCount = 0;
        var idleRounds = 0;
        while (true)
        {
            var round = worker.RunOnceAsync(CancellationToken.None);
            while (!round.IsCompleted)
            {
                if (budget.Waiting > 0)
                {
                    _clock.Advance(TimeSpan.FromMilliseconds(500));
                    if (_clock.GetUtcNow() - minuteStart >= TimeSpan.FromMinutes(1))
                    {
                        var calls = cloud.DescribeCallsByRegion();
                        busiestMinute = Math.Max(busiestMinute, calls.Max(c => c.Value - callsAtMinuteStart.GetValueOrDefault(c.Key)));
                        callsAtMinuteStart = new Dictionary<string, int>(calls, StringComparer.Ordinal);
                        minuteStart = _clock.GetUtcNow();
                    }
                }

                await Task.Delay(1);
            }

            var done = await round;
            checkedCount += done;
            if (done == 0)
            {
                // A check that could not be saved (a busy database on a loaded machine) is due again when its lease
                // ends: the pass is over when nothing is left unchecked, not at the first idle round.
                if (await UncheckedAsync() == 0 || ++idleRounds > 3)
                {
                    break;
                }

                _clock.Advance(LeaseDuration + TimeSpan.FromSeconds(1));
            }
        }

        wall.Stop();
        var simulated = _clock.GetUtcNow() - start;
        var total = cloud.DescribeCallsByRegion();
        checkedCount.ShouldBe(count, string.Join('\n', _factory.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).Take(5)));
        busiestMinute.ShouldBeLessThanOrEqualTo(CallsPerMinute + (CallsPerMinute / 12) + 6);
        (await UncheckedAsync()).ShouldBe(0);

        var perMinute = total.Values.Sum() / Math.Max(simulated.TotalMinutes, 1.0 / 60);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"drift pass: {count} resources in {Regions.Length} regions, {total.Values.Sum()} cloud calls; simulated time {simulated.TotalMinutes:F1} min " +
            $"({perMinute:F0} calls/min overall, busiest region-minute {busiestMinute}, budget {CallsPerMinute}/min/region); wall time {wall.Elapsed.TotalSeconds:F1} s " +
            $"({wall.Elapsed.TotalMilliseconds / count:F2} ms per check, {idleRounds} waits for a failed check's lease)"));
    }

    private async Task<int> UncheckedAsync()
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Resources.CountAsync(r => r.Drift == null);
    }

    private async Task SeedAsync(SandboxCloud cloud, int count)
    {
        var owner = Guid.NewGuid();
        var now = _clock.GetUtcNow();
        for (var offset = 0; offset < count; offset += 1000)
        {
            await using var scope = _factory!.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var i = offset; i < Math.Min(count, offset + 1000); i++)
            {
                var type = (ResourceType)(i % 3);
                var resource = Resource.Create(
                    Guid.NewGuid(), $"scale{i}", type, Regions[i % Regions.Length], new Dictionary<string, string> { ["env"] = "dev" }, new ResourceSpec(), owner, now);
                resource.MarkProvisioning(now);
                var created = await cloud.CreateAsync(CloudResource.From(resource, null), CancellationToken.None);
                resource.MarkActive(created.ProviderId!, now);
                resource.ClearDomainEvents();
                db.Resources.Add(resource);
            }

            await db.SaveChangesAsync();
        }
    }
}
