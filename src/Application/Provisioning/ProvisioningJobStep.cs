using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Application.Drift;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Works one claimed job one step further and saves the job and its resource together. Every step
/// starts from what is stored, and every cloud call is idempotent, so a crash between the cloud call
/// and the save only means the next worker repeats the call and gets the same answer.
/// </summary>
public sealed partial class ProvisioningJobStep(
    IApplicationDbContext db,
    IEnumerable<ICloudProvider> providers,
    IEnumerable<ICloudDriftProvider> driftProviders,
    TimeProvider clock,
    IOptions<ProvisioningOptions> options,
    IOptions<DriftOptions> driftOptions,
    ILogger<ProvisioningJobStep> logger)
{
    private bool _gaveUp;

    public async Task RunAsync(long jobId, string workerId, CancellationToken cancellationToken)
    {
        var job = await db.ProvisioningJobs.FirstOrDefaultAsync(j => j.Id == jobId && j.LeaseOwner == workerId, cancellationToken);
        if (job is null)
        {
            return;
        }

        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == job.ResourceId, cancellationToken);
        if (resource is null)
        {
            job.Complete(clock.GetUtcNow(), "The resource no longer exists.");
            await SaveFencedAsync(job, cancellationToken);
            return;
        }

        var provider = providers.FirstOrDefault(p => p.Type == resource.Type)
            ?? throw new InvalidOperationException($"No cloud provider is registered for {resource.Type}.");
        try
        {
            await (job.Kind switch
            {
                ProvisioningJobKind.Create => CreateAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.Delete => DeleteAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.UpdateTags => UpdateTagsAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.DeleteRecordOnly => DeleteRecordOnly(job, resource),
                ProvisioningJobKind.MarkOrphaned => MarkOrphanedAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.ApplyDeletionProtection => ApplyDeletionProtectionAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.Reconcile => ReconcileAsync(job, resource, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown job kind {job.Kind}."),
            });
        }
        catch (CloudOperationFailedException exception)
        {
            // The provider's own answer goes to the log only; the resource shows the code and its sentence.
            var cause = exception.InnerException ?? exception;
            var answer = $"{cause.GetType().Name}: {cause.Message}";
            LogRefused(logger, job.Kind, resource.Id, job.Id, exception.FailureCode, exception.Operation, TraceId(), answer, cause);
            GiveUp(job, resource, exception.FailureCode, exception.Message, $"{exception.Operation}: {answer}");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not DbUpdateException)
        {
            Retry(job, resource, exception);
        }

        await SaveFencedAsync(job, cancellationToken);
        if (job.CompletedAt is { } completed)
        {
            // Counted once the end is saved: a step whose save lost the lease records nothing.
            OrchestratorMetrics.ProvisioningFinished(KindLabel(job.Kind), _gaveUp ? "failed" : "succeeded", completed - job.CreatedAt);
        }
    }

    private static string KindLabel(ProvisioningJobKind kind) => kind switch
    {
        ProvisioningJobKind.Create => "create",
        ProvisioningJobKind.Delete => "delete",
        ProvisioningJobKind.UpdateTags => "update_tags",
        ProvisioningJobKind.DeleteRecordOnly => "delete_record_only",
        ProvisioningJobKind.MarkOrphaned => "mark_orphaned",
        ProvisioningJobKind.ApplyDeletionProtection => "apply_deletion_protection",
        ProvisioningJobKind.Reconcile => "reconcile",
        _ => "other",
    };

    /// <summary>
    /// Every save of a step carries the job row with its fencing token, even when only the resource changed: a worker
    /// whose lease was taken over gets a concurrency failure and records nothing, so no result is written twice.
    /// </summary>
    private Task<int> SaveFencedAsync(ProvisioningJob job, CancellationToken cancellationToken)
    {
        db.ProvisioningJobs.Entry(job).Property(j => j.LeaseVersion).IsModified = true;
        return db.SaveChangesAsync(cancellationToken);
    }

    private async Task CreateAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        if (resource.Status is not (ResourceStatus.Pending or ResourceStatus.Provisioning))
        {
            // Deletion was requested first: the delete job (next in line) removes whatever exists.
            job.Complete(clock.GetUtcNow());
            return;
        }

        if (resource.Status == ResourceStatus.Pending)
        {
            // Saved before the cloud call, so the API shows "provisioning" while the cloud works.
            resource.MarkProvisioning(clock.GetUtcNow());
            await SaveFencedAsync(job, cancellationToken);
        }

        var progress = await provider.CreateAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        var now = clock.GetUtcNow();
        if (progress.IsDone)
        {
            var posture = (progress.Posture ?? []).Select(p => new PostureReading(p.Setting, p.Expected, p.Actual)).ToList();
            resource.MarkActive(progress.ProviderId ?? job.ProviderId ?? string.Empty, progress.Outputs ?? new Dictionary<string, string>(), posture, now);
            resource.ScheduleDriftCheck(DriftSchedule.Next(now, driftOptions.Value.Interval));
            job.Complete(now);
            LogCompleted(logger, job.Kind, resource.Id);
        }
        else
        {
            job.PollAgain(progress.ProviderId, now, PollBackoff.After(job.Polls, options.Value.PollInterval, options.Value.MaxPollInterval));
        }
    }

    private async Task DeleteAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        if (resource.Status != ResourceStatus.Deleting)
        {
            job.Complete(clock.GetUtcNow());
            return;
        }

        var progress = await provider.DeleteAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        var now = clock.GetUtcNow();
        if (progress.IsDone)
        {
            resource.MarkDeleted(now);
            job.Complete(now);
            LogCompleted(logger, job.Kind, resource.Id);
        }
        else
        {
            job.PollAgain(progress.ProviderId, now, PollBackoff.After(job.Polls, options.Value.PollInterval, options.Value.MaxPollInterval));
        }
    }

    private Task DeleteRecordOnly(ProvisioningJob job, Resource resource)
    {
        var now = clock.GetUtcNow();
        if (resource.Status == ResourceStatus.Deleting)
        {
            resource.MarkDeleted(now);
            LogCompleted(logger, job.Kind, resource.Id);
        }

        job.Complete(now);
        return Task.CompletedTask;
    }

    private async Task UpdateTagsAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        // A resource that is not active has no cloud resource to re-tag yet (its create reads the
        // current tags) or is on its way out.
        if (resource.Status == ResourceStatus.Active)
        {
            await provider.ApplyTagsAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        }

        job.Complete(clock.GetUtcNow());
    }

    private async Task MarkOrphanedAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        // Only a forgotten resource is tagged; whatever the cloud holds of it stays there.
        if (resource.Status == ResourceStatus.Forgotten)
        {
            await provider.MarkOrphanedAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        }

        job.Complete(clock.GetUtcNow());
    }

    private async Task ApplyDeletionProtectionAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        // A creation still in progress sends the current setting itself; a resource on its way out lifts it in its delete.
        if (resource.Status == ResourceStatus.Active)
        {
            await provider.ApplyDeletionProtectionAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        }

        job.Complete(clock.GetUtcNow());
    }

    /// <summary>
    /// Puts tags and security settings back as recorded, then records the check after it. A resource gone from the
    /// cloud is only marked as such: nothing is created. Repeating it after a crash repairs nothing twice.
    /// </summary>
    private async Task ReconcileAsync(ProvisioningJob job, Resource resource, CancellationToken cancellationToken)
    {
        if (resource.Status != ResourceStatus.Active)
        {
            job.Complete(clock.GetUtcNow());
            return;
        }

        var drift = driftProviders.FirstOrDefault(p => p.Type == resource.Type)
            ?? throw new InvalidOperationException($"No drift provider is registered for {resource.Type}.");
        var recorded = CloudResource.From(resource, job.ProviderId);
        var before = await drift.DescribeAsync(recorded, cancellationToken);
        var differences = DriftComparison.Compare(recorded, before);
        if (!before.Exists)
        {
            resource.RecordDriftCheck(differences, [], clock.GetUtcNow());
            job.Complete(clock.GetUtcNow());
            return;
        }

        await drift.ReconcileAsync(recorded, cancellationToken);
        var after = await drift.DescribeAsync(recorded, cancellationToken);
        var now = clock.GetUtcNow();
        resource.RecordReconciled(differences, DriftComparison.Compare(recorded, after), DriftComparison.Readings(after), now);
        job.Complete(now);
        LogCompleted(logger, job.Kind, resource.Id);
    }

    private void Retry(ProvisioningJob job, Resource resource, Exception exception)
    {
        // The job row keeps the raw answer for operators; the resource never shows it.
        var cause = exception is CloudTransientException { InnerException: { } inner } ? inner : exception;
        var operation = (exception as CloudTransientException)?.Operation ?? string.Empty;
        var error = $"{(operation.Length > 0 ? operation + ": " : string.Empty)}{cause.GetType().Name}: {cause.Message}";
        var attempt = job.Attempts + 1;
        if (attempt >= options.Value.MaxAttempts)
        {
            var code = IsCloudUnavailable(exception) ? CloudFailureCode.Unavailable : CloudFailureCode.Internal;
            LogExhausted(logger, job.Kind, resource.Id, job.Id, attempt, code, TraceId(), error, cause);
            GiveUp(job, resource, code, CloudFailureSentences.For(code, operation), error);
            return;
        }

#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        var backoff = RetryBackoff.After(attempt, options.Value.InitialBackoff, options.Value.MaxBackoff, Random.Shared.NextDouble());
#pragma warning restore CA5394
        job.RetryLater(error, clock.GetUtcNow(), backoff);
        LogRetry(logger, job.Kind, resource.Id, attempt, backoff, error);
    }

    /// <summary>Failures the cloud causes and a later attempt may not meet: throttling and unavailability, network errors, timeouts.</summary>
    private static bool IsCloudUnavailable(Exception exception) =>
        exception is CloudTransientException or HttpRequestException or TimeoutException or IOException or TaskCanceledException;

    private static string? TraceId() => Activity.Current?.TraceId.ToString();

    /// <summary>Fails the job for good; <paramref name="reason"/> is the owner's sentence, <paramref name="jobError"/> the raw cause kept on the job row.</summary>
    private void GiveUp(ProvisioningJob job, Resource resource, string failureCode, string reason, string jobError)
    {
        _gaveUp = true;
        var now = clock.GetUtcNow();
        reason = reason.Length <= ProvisioningJob.LastErrorMaxLength ? reason : reason[..ProvisioningJob.LastErrorMaxLength];
        var resourceIsWaitingOnThisJob = job.Kind switch
        {
            ProvisioningJobKind.Create => resource.Status is ResourceStatus.Pending or ResourceStatus.Provisioning,
            ProvisioningJobKind.Delete or ProvisioningJobKind.DeleteRecordOnly => resource.Status == ResourceStatus.Deleting,
            _ => false,
        };
        if (resourceIsWaitingOnThisJob)
        {
            resource.MarkFailed(failureCode, reason, now);
        }

        job.Complete(now, jobError);
        LogFailed(logger, job.Kind, resource.Id, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioning {Kind} of resource {ResourceId} completed")]
    private static partial void LogCompleted(ILogger logger, ProvisioningJobKind kind, Guid resourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning {Kind} of resource {ResourceId} failed (attempt {Attempt}); retrying in {Backoff}: {Error}")]
    private static partial void LogRetry(ILogger logger, ProvisioningJobKind kind, Guid resourceId, int attempt, TimeSpan backoff, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning {Kind} of resource {ResourceId} (job {JobId}) was refused by the cloud: {FailureCode} in {Operation}, trace {TraceId}: {ProviderAnswer}")]
    private static partial void LogRefused(ILogger logger, ProvisioningJobKind kind, Guid resourceId, long jobId, string failureCode, string operation, string? traceId, string providerAnswer, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning {Kind} of resource {ResourceId} (job {JobId}) failed {Attempt} times; giving up as {FailureCode}, trace {TraceId}: {LastError}")]
    private static partial void LogExhausted(ILogger logger, ProvisioningJobKind kind, Guid resourceId, long jobId, int attempt, string failureCode, string? traceId, string lastError, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning {Kind} of resource {ResourceId} gave up: {Reason}")]
    private static partial void LogFailed(ILogger logger, ProvisioningJobKind kind, Guid resourceId, string reason);
}
