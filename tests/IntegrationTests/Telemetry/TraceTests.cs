using System.Diagnostics;
using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Telemetry;

/// <summary>
/// Traces through the real pipeline on the Sandbox cloud: the request, the mediator pipeline's span with an event per
/// behavior, EF Core's commands, and the worker's job span in the same trace, joined through the traceparent stored on
/// the job row.
/// </summary>
public sealed class TraceTests : IDisposable
{
    private readonly TelemetryCapture _capture = new();
    private readonly OrchestratorApiFactory _factory;

    public TraceTests() => _factory = _capture.Attach(new OrchestratorApiFactory().WithProvisioning());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_creation_is_one_trace_from_the_request_through_the_pipeline_and_the_database_to_the_workers_job()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var (response, traceId) = await admin.CreateResourceTracedAsync(new { name = "traced01", type = "s3", region = "us-east-1" });
        using var _ = response;
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.ReadJsonAsync())["id"]!.GetValue<string>();
        await Provisioning.ResourceStatusWaits.WaitForStatusAsync(admin, id, "active");

        IReadOnlyList<Activity> trace = [];
        await Provisioning.Eventually.HoldsAsync(
            () =>
            {
                trace = [.. _capture.Spans.Where(s => s.TraceId == traceId)];
                return trace.Any(s => s.DisplayName == "provisioning.job" && trace.Any(db => TracedRequest.IsDatabaseSpan(db) && db.ParentSpanId == s.SpanId));
            },
            "the worker's job span, with its database commands, in the request's trace");

        var request = trace.Single(s => s.Kind == ActivityKind.Server);
        request.GetTagItem("http.request.method").ShouldBe("POST");
        ((string)request.GetTagItem("http.route")!).TrimEnd('/').ShouldBe("/api/v1/resources");

        var pipeline = trace.Single(s => s.Source.Name == "Orchestrator" && s.DisplayName == "CreateResourceCommand");
        pipeline.ParentSpanId.ShouldBe(request.SpanId);
        pipeline.Events.Select(e => e.Name).ShouldBe(["permission", "validation", "idempotency", "guardrails", "quota"], ignoreOrder: false);
        trace.ShouldContain(s => TracedRequest.IsDatabaseSpan(s) && TracedRequest.Descends(s, pipeline, trace), "the handler's database commands");

        // The job was written under the pipeline's span; every step of it is a child of that span.
        var jobSteps = trace.Where(s => s.DisplayName == "provisioning.job").ToList();
        jobSteps.ShouldAllBe(step => step.ParentSpanId == pipeline.SpanId);
    }

    [Fact]
    public async Task A_refused_request_marks_the_pipeline_span_as_an_error_with_the_exception_type_only()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var (response, traceId) = await admin.CreateResourceTracedAsync(new { name = "x", type = "ec2", region = "us-east-1" });
        using var _ = response;
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        Activity? pipeline = null;
        await Provisioning.Eventually.HoldsAsync(
            () => (pipeline = _capture.Spans.FirstOrDefault(s => s.TraceId == traceId && s.Source.Name == "Orchestrator")) is not null,
            "the pipeline span of the refused request");
        pipeline!.Status.ShouldBe(ActivityStatusCode.Error);
        pipeline.StatusDescription.ShouldBe("RequestValidationException");
        pipeline.Events.Select(e => e.Name).ShouldBe(["permission", "validation"], ignoreOrder: false);
    }
}
