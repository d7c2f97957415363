using System.Diagnostics;

namespace Orchestrator.Domain.Provisioning;

/// <summary>
/// One unit of cloud work for a resource, written in the same transaction as the resource change
/// that asks for it, and worked by whichever worker holds its lease. Jobs of one resource run in
/// the order they were written (by <see cref="Id"/>).
/// </summary>
public sealed class ProvisioningJob
{
    public const int LastErrorMaxLength = 1024;

    /// <summary>A W3C <c>traceparent</c> is 55 characters; a longer or other-format id is not kept.</summary>
    public const int TraceParentMaxLength = 55;

    private ProvisioningJob()
    {
    }

    /// <summary>Database-generated and increasing: the order of the jobs of one resource.</summary>
    public long Id { get; private set; }

    public Guid ResourceId { get; private set; }

    public ProvisioningJobKind Kind { get; private set; }

    /// <summary>Failed attempts so far (transient cloud errors); the worker gives up at its configured maximum.</summary>
    public int Attempts { get; private set; }

    /// <summary>Times the cloud answered "still working" so far: each look waits longer than the one before.</summary>
    public int Polls { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>
    /// The fencing token: incremented by every claim and compared by every save of the job, so a worker whose lease
    /// ran out and was taken over cannot record its result (docs/decisions/0028-expiry-protection-and-recovery.md).
    /// </summary>
    public long LeaseVersion { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The cloud's id of the resource once a create call returned it, so polling survives a restart.</summary>
    public string? ProviderId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The W3C trace context of the work that wrote the job (the request, usually), so the worker's span joins that
    /// trace; null when nothing was traced (docs/decisions/0032-telemetry.md).
    /// </summary>
    public string? TraceParent { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static ProvisioningJob Create(Guid resourceId, ProvisioningJobKind kind, DateTimeOffset now) => new()
    {
        ResourceId = resourceId,
        Kind = kind,
        NextAttemptAt = now,
        CreatedAt = now,
        TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { Length: TraceParentMaxLength } id } ? id : null,
    };

    /// <summary>The cloud is still working: look again after <paramref name="delay"/>, without counting an attempt.</summary>
    public void PollAgain(string? providerId, DateTimeOffset now, TimeSpan delay)
    {
        ProviderId = providerId ?? ProviderId;
        Polls++;
        NextAttemptAt = now + delay;
        ReleaseLease();
    }

    /// <summary>A transient failure: counts an attempt and backs off.</summary>
    public void RetryLater(string error, DateTimeOffset now, TimeSpan backoff)
    {
        Attempts++;
        LastError = Truncate(error);
        NextAttemptAt = now + backoff;
        ReleaseLease();
    }

    public void Complete(DateTimeOffset now, string? error = null)
    {
        CompletedAt = now;
        if (error is not null)
        {
            LastError = Truncate(error);
        }

        ReleaseLease();
    }

    private void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    private static string Truncate(string error) =>
        error.Length <= LastErrorMaxLength ? error : error[..LastErrorMaxLength];
}
