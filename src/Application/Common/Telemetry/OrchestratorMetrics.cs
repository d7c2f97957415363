using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Common.Telemetry;

/// <summary>
/// The service's one <see cref="Meter"/> and every instrument on it: the security signals and provisioning outcomes.
/// Labels are small fixed sets (an outcome, a status code, a resource type, a job kind), never a user, an id, an
/// address, a token, a name or a tag. An instrument nobody listens to costs a flag check per call.
/// </summary>
public static class OrchestratorMetrics
{
    private static readonly Meter Meter = new(OrchestratorTelemetry.Name);

    private static readonly Counter<long> Logins = Meter.CreateCounter<long>(
        "orchestrator.logins", "{login}", "Password logins by outcome.");

    private static readonly Counter<long> Lockouts = Meter.CreateCounter<long>(
        "orchestrator.lockouts", "{lockout}", "Accounts locked after repeated failed logins.");

    private static readonly Counter<long> RefreshTokenReuses = Meter.CreateCounter<long>(
        "orchestrator.refresh_token.reuses", "{reuse}", "Spent refresh tokens presented again; each revokes its session family.");

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "orchestrator.http.refusals", "{response}", "401, 403 and 429 answers by status code.");

    private static readonly Counter<long> QuotaRefusals = Meter.CreateCounter<long>(
        "orchestrator.quota.refusals", "{refusal}", "Creations refused because the caller's quota was used up, by resource type.");

    private static readonly Counter<long> ProvisioningOutcomes = Meter.CreateCounter<long>(
        "orchestrator.provisioning.jobs", "{job}", "Finished provisioning jobs by kind and outcome.");

    private static readonly Histogram<double> ProvisioningDuration = Meter.CreateHistogram(
        "orchestrator.provisioning.duration", "s", "Time from a job being written to its end, by kind and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600] });

    private static readonly Counter<long> LimiterStoreFailures = Meter.CreateCounter<long>(
        "orchestrator.limiter_store.failures", "{failure}", "Calls to the shared limit store (Redis) that found it unavailable.");

    /// <summary>The largest number of 403 answers one caller got in the last full minute, without naming the caller.</summary>
    private static readonly ObservableGauge<long> ForbiddenBurst = Meter.CreateObservableGauge(
        "orchestrator.http.forbidden.max_per_caller", ForbiddenBurstTracker.Shared.LargestLastMinute, "{response}",
        "The most 403 answers any one caller got within the last full minute.");

    // Outcome tag values: constants so that no string is built per call.
    public const string LoginSucceeded = "succeeded";
    public const string LoginFailed = "failed";
    public const string LoginLockedOut = "locked_out";
    public const string LoginDisabled = "disabled";
    public const string LoginThrottled = "throttled";
    public const string LoginMfaRequired = "mfa_required";

    public static void Login(string outcome) => Logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void Lockout() => Lockouts.Add(1);

    public static void RefreshTokenReused() => RefreshTokenReuses.Add(1);

    /// <summary>Counts a 401, 403 or 429 answer; the caller of a 403 is remembered (in memory only) for the burst gauge.</summary>
    public static void Refusal(int statusCode, string? callerOf403)
    {
        if (Refusals.Enabled)
        {
            Refusals.Add(1, new KeyValuePair<string, object?>("status", StatusLabel(statusCode)));
        }

        if (statusCode == 403 && callerOf403 is not null && ForbiddenBurst.Enabled)
        {
            ForbiddenBurstTracker.Shared.Record(callerOf403);
        }
    }

    public static void QuotaRefused(ResourceType type) =>
        QuotaRefusals.Add(1, new KeyValuePair<string, object?>("resource_type", type switch
        {
            ResourceType.Ec2 => "ec2",
            ResourceType.S3 => "s3",
            ResourceType.Rds => "rds",
            _ => "other",
        }));

    /// <summary>A job that ended: <paramref name="outcome"/> is <c>succeeded</c> or <c>failed</c>.</summary>
    public static void ProvisioningFinished(string kind, string outcome, TimeSpan sinceWritten)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
        ProvisioningOutcomes.Add(1, tags);
        ProvisioningDuration.Record(Math.Max(0, sinceWritten.TotalSeconds), tags);
    }

    public static void LimiterStoreUnavailable() => LimiterStoreFailures.Add(1);

    private static string StatusLabel(int statusCode) => statusCode switch
    {
        401 => "401",
        403 => "403",
        429 => "429",
        _ => "other",
    };
}
