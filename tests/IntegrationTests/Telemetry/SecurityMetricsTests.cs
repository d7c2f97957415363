using System.Net;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Telemetry;

/// <summary>
/// The contract's security signals as metrics, recorded through the real pipeline. The meter is process-wide, so other
/// tests add to the same counters: each assertion is on an increase this test caused, never an exact total.
/// ASP.NET Core's own metrics are asserted in <see cref="ManagementAddressTests"/>, in a process of its own: here every
/// test host's meter of that name feeds one OpenTelemetry stream, which stops when any other host is disposed
/// (open-telemetry/opentelemetry-dotnet#6412), so their presence would depend on which tests run beside this one.
/// </summary>
public sealed class SecurityMetricsTests : IDisposable
{
    private readonly TelemetryCapture _capture = new();
    private readonly OrchestratorApiFactory _factory;

    public SecurityMetricsTests() => _factory = _capture.Attach(new OrchestratorApiFactory()
        .WithProvisioning()
        .With("Quotas:Ec2PerHour", "1")
        .With("Cloud:Sandbox:FailingNames:0", "metricsdoomed01"));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_failed_login_a_403_a_429_a_quota_refusal_and_provisioning_outcomes_are_counted()
    {
        var failedLogins = _capture.CounterValue(_factory, "orchestrator.logins", "outcome", "failed");
        var forbidden = _capture.CounterValue(_factory, "orchestrator.http.refusals", "status", "403");
        var tooMany = _capture.CounterValue(_factory, "orchestrator.http.refusals", "status", "429");
        var quota = _capture.CounterValue(_factory, "orchestrator.quota.refusals", "resource_type", "ec2");
        var failedJobs = _capture.CounterValue(_factory, "orchestrator.provisioning.jobs", "outcome", "failed");

        using var anonymous = _factory.CreateClient();
        using var login = await anonymous.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = "not-the-password",
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var (viewer, _) = await _factory.CreateUserClientAsync("viewer");
        using var _v = viewer;
        using var refused = await viewer.GetAsync("/api/v1/users");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (operatorClient, _) = await _factory.CreateUserClientAsync("operator");
        using var _o = operatorClient;
        var doomed = await Provisioning.ResourceStatusWaits.CreatePendingAsync(operatorClient, new { name = "metricsdoomed01", type = "ec2", region = "us-east-1" });
        using var overQuota = await operatorClient.CreateResourceAsync(new { name = "metricsvm02", type = "ec2", region = "us-east-1" });
        overQuota.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        await Provisioning.ResourceStatusWaits.WaitForStatusAsync(operatorClient, doomed, "failed");

        _capture.CounterValue(_factory, "orchestrator.logins", "outcome", "failed").ShouldBeGreaterThan(failedLogins);
        _capture.CounterValue(_factory, "orchestrator.http.refusals", "status", "403").ShouldBeGreaterThan(forbidden);
        _capture.CounterValue(_factory, "orchestrator.http.refusals", "status", "429").ShouldBeGreaterThan(tooMany);
        _capture.CounterValue(_factory, "orchestrator.quota.refusals", "resource_type", "ec2").ShouldBeGreaterThan(quota);
        await Provisioning.Eventually.HoldsAsync(
            () => _capture.CounterValue(_factory, "orchestrator.provisioning.jobs", "outcome", "failed") > failedJobs,
            "the failed creation counted");
        var metrics = _capture.CollectMetrics(_factory);
        metrics.ShouldContain(m => m.Name == "orchestrator.provisioning.duration");
        metrics.ShouldContain(m => m.Name == "orchestrator.http.forbidden.max_per_caller");
        metrics.ShouldContain(m => m.Name.StartsWith("dotnet.", StringComparison.Ordinal));
    }
}
