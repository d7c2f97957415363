using System.Diagnostics;
using System.Text.Json;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Telemetry;

/// <summary>
/// A request sent with a W3C <c>traceparent</c> of the test's own, so its spans (and those of the work it starts) can
/// be told from other tests' by trace id.
/// </summary>
public static class TracedRequest
{
    public static async Task<(HttpResponseMessage Response, ActivityTraceId TraceId)> CreateResourceTracedAsync(this HttpClient client, object body)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var traceParent = $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", JsonSerializer.Serialize(body), ("traceparent", traceParent));
        return (response, traceId);
    }

    public static bool IsDatabaseSpan(Activity span) =>
        span.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal);

    /// <summary>True when <paramref name="span"/> is <paramref name="ancestor"/> or below it in <paramref name="trace"/>.</summary>
    public static bool Descends(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        for (Activity? current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
