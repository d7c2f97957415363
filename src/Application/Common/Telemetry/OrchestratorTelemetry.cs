using System.Diagnostics;

namespace Orchestrator.Application.Common.Telemetry;

/// <summary>
/// The service's one <see cref="ActivitySource"/>: the mediator pipeline's span per request (with an event per behavior)
/// and the worker's span per job. <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while
/// nothing listens, so an untraced request allocates nothing here (docs/decisions/0032-telemetry.md).
/// </summary>
public static class OrchestratorTelemetry
{
    /// <summary>The name of the activity source and of the meter (<see cref="OrchestratorMetrics"/>).</summary>
    public const string Name = "Orchestrator";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>
    /// The worker's span for one step of a job, a child of the span that wrote the job (its stored <c>traceparent</c>),
    /// so one trace runs from the request to the cloud calls; a root span when the job carries none.
    /// </summary>
    public static Activity? StartJobStep(string? traceParent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        return ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
            ? Source.StartActivity("provisioning.job", ActivityKind.Consumer, parent)
            : Source.StartActivity("provisioning.job", ActivityKind.Consumer);
    }

    /// <summary>
    /// The worker's span for saving a round's jobs: the job's own step span when the round holds one job; otherwise a
    /// span of its own linked to each job's trace, as OpenTelemetry does for work done for several parents at once.
    /// </summary>
    public static Activity? StartRoundSave(IReadOnlyCollection<string?> traceParents)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        if (traceParents.Count == 1)
        {
            return StartJobStep(traceParents.First());
        }

        var links = new List<ActivityLink>();
        foreach (var traceParent in traceParents)
        {
            if (ActivityContext.TryParse(traceParent, null, isRemote: true, out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        return Source.StartActivity("provisioning.round", ActivityKind.Consumer, default(ActivityContext), links: links);
    }

    /// <summary>Marks a pipeline step on the request's own span; nothing when the request is not traced.</summary>
    public static void Step(string name)
    {
        if (Activity.Current is { } current && ReferenceEquals(current.Source, Source))
        {
            current.AddEvent(new ActivityEvent(name));
        }
    }
}
