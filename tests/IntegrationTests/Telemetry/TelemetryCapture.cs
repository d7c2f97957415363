using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.WebApi.Telemetry;

namespace Orchestrator.IntegrationTests.Telemetry;

/// <summary>
/// The in-memory exporter behind the application's own telemetry setup: the spans (scrubbed as an OTLP exporter would
/// get them) and the metrics the host records. Listeners are process-wide, so spans of other tests running at the same
/// time arrive too: tests pick theirs by trace id.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<MetricSnapshot> _metrics = new();

    public OrchestratorApiFactory Attach(OrchestratorApiFactory factory) => factory.WithServices(services =>
    {
        services.AddOpenTelemetry().WithTracing(tracing => TelemetrySetup.ConfigureTracing(tracing).AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
    });

    /// <summary>Every span exported so far (the simple exporter hands each over as it ends).</summary>
    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    /// <summary>Collects the metrics now and returns every snapshot exported so far.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics(OrchestratorApiFactory factory)
    {
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.Snapshot();
    }

    /// <summary>The sum of a counter's points that carry the given tag, over every collection (cumulative: the last one).</summary>
    public long CounterValue(OrchestratorApiFactory factory, string name, string tagKey, string tagValue)
    {
        var snapshot = CollectMetrics(factory).LastOrDefault(m => m.Name == name);
        if (snapshot is null)
        {
            return 0;
        }

        return snapshot.MetricPoints
            .Where(point => Tags(point).Any(tag => tag.Key == tagKey && Equals(tag.Value, tagValue)))
            .Sum(point => point.GetSumLong());
    }

    public static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            yield return tag;
        }
    }
}
