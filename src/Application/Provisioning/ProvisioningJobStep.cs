using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Drift;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Works one claimed job one step further: <see cref="Prepare"/> sets what the API shows while the cloud works,
/// <see cref="WorkAsync"/> makes the cloud call and returns the change to record, which <see cref="ProvisioningBatch"/>
/// saves with the job. Every step starts from what is stored, and every cloud call is idempotent, so a crash between
/// the cloud call and the save only means the next worker repeats the call and gets the same answer.
/// </summary>
public sealed partial class ProvisioningJobStep(
    IEnumerable<ICloudProvider> providers,
    IEnumerable<ICloudDriftProvider> driftProviders,
    TimeProvider clock,
    IOptions<ProvisioningOptions> options,
    IOptions<DriftOptions> driftOptions,
    ILogger<ProvisioningJobStep> logger)
{
    /// <summary>The change saved before the cloud call, if any: a creation shows "provisioning" while the cloud works. True when it changed the resource.</summary>
    public bool Prepare(ProvisioningJob job, Resource? resource)
    {
        if (job.Kind != ProvisioningJobKind.Create || resource is not { Status: ResourceStatus.Pending })
        {
            return false;
        }

        resource.MarkProvisioning(clock.GetUtcNow());
        return true;
    }

    /// <summary>Calls the cloud for the job as claimed (neither argument is changed) and returns what to record.</summary>
    public async Task<ProvisioningStepResult> WorkAsync(ProvisioningJob job, Resource? resource, CancellationToken cancellationToken)
    {
        if (resource is null)
        {
            var gone = clock.GetUtcNow();
            return Done((j, _) => j.Complete(gone, "The resource no longer exists."));
        }

        var provider = providers.FirstOrDefault(p => p.Type == resource.Type)
            ?? throw new InvalidOperationException($"No cloud provider is registered for {resource.Type}.");
        try
        {
            return await (job.Kind switch
            {
                ProvisioningJobKind.Create => CreateAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.Delete => DeleteAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.UpdateTags => UpdateTagsAsync(job, resource, provider, cancellationToken),
                ProvisioningJobKind.DeleteRecordOnly => Task.FromResult(DeleteRecordOnly(job)),
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
            return GiveUp(job, resource, exception.FailureCode, exception.Message, $"{exception.Operation}: {answer}");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Retry(job, resource, exception);
        }
    }

    private static ProvisioningStepResult Done(Action<ProvisioningJob, Resource?> apply) => new(apply, GaveUp: false);

    /// <summary>The kind label of the provisioning metrics.</summary>
    internal static string KindLabel(ProvisioningJobKind kind) => kind switch
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

    private async Task<ProvisioningStepResult> CreateAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        if (resource.Status is not (ResourceStatus.Pending or ResourceStatus.Provisioning))
        {
            // Deletion was requested first: the delete job (next in line) removes whatever exists.
            var skipped = clock.GetUtcNow();
            return Done((j, _) => j.Complete(skipped));
        }

        var progress = await provider.CreateAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        var now = clock.GetUtcNow();
        if (progress.IsDone)
        {
            var posture = (progress.Posture ?? []).Select(p => new PostureReading(p.Setting, p.Expected, p.Actual)).ToList();
            var nextCheck = DriftSchedule.Next(now, driftOptions.Value.Interval);
            return Done((j, r) =>
            {
                r!.MarkActive(progress.ProviderId ?? j.ProviderId ?? string.Empty, progress.Outputs ?? new Dictionary<string, string>(), posture, now);
                r.ScheduleDriftCheck(nextCheck);
                j.Complete(now);
                LogCompleted(logger, j.Kind, r.Id);
            });
        }

        return PollAgain(progress, now);
    }

    private ProvisioningStepResult PollAgain(CloudProgress progress, DateTimeOffset now) =>
        Done((j, _) => j.PollAgain(progress.ProviderId, now, PollBackoff.After(j.Polls, options.Value.PollInterval, options.Value.MaxPollInterval)));

    private async Task<ProvisioningStepResult> DeleteAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        if (resource.Status != ResourceStatus.Deleting)
        {
            var skipped = clock.GetUtcNow();
            return Done((j, _) => j.Complete(skipped));
        }

        var progress = await provider.DeleteAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        var now = clock.GetUtcNow();
        if (progress.IsDone)
        {
            return Done((j, r) =>
            {
                r!.MarkDeleted(now);
                j.Complete(now);
                LogCompleted(logger, j.Kind, r.Id);
            });
        }

        return PollAgain(progress, now);
    }

    private ProvisioningStepResult DeleteRecordOnly(ProvisioningJob job)
    {
        var now = clock.GetUtcNow();
        return Done((j, r) =>
        {
            if (r!.Status == ResourceStatus.Deleting)
            {
                r.MarkDeleted(now);
                LogCompleted(logger, job.Kind, r.Id);
            }

            j.Complete(now);
        });
    }

    private async Task<ProvisioningStepResult> UpdateTagsAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        // A resource that is not active has no cloud resource to re-tag yet (its create reads the
        // current tags) or is on its way out.
        if (resource.Status == ResourceStatus.Active)
        {
            await provider.ApplyTagsAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        }

        return Completed();
    }

    private ProvisioningStepResult Completed()
    {
        var now = clock.GetUtcNow();
        return Done((j, _) => j.Complete(now));
    }

    private async Task<ProvisioningStepResult> MarkOrphanedAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        // Only a forgotten resource is tagged; whatever the cloud holds of it stays there.
        if (resource.Status == ResourceStatus.Forgotten)
        {
            await provider.MarkOrphanedAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        }

        return Completed();
    }

    private async Task<ProvisioningStepResult> ApplyDeletionProtectionAsync(ProvisioningJob job, Resource resource, ICloudProvider provider, CancellationToken cancellationToken)
    {
        // A creation still in progress sends the current setting itself; a resource on its way out lifts it in its delete.
        if (resource.Status == ResourceStatus.Active)
        {
            await provider.ApplyDeletionProtectionAsync(CloudResource.From(resource, job.ProviderId), cancellationToken);
        }

        return Completed();
    }

    /// <summary>
    /// Puts tags and security settings back as recorded, then records the check after it. A resource gone from the
    /// cloud is only marked as such: nothing is created. Repeating it after a crash repairs nothing twice.
    /// </summary>
    private async Task<ProvisioningStepResult> ReconcileAsync(ProvisioningJob job, Resource resource, CancellationToken cancellationToken)
    {
        if (resource.Status != ResourceStatus.Active)
        {
            return Completed();
        }

        var drift = driftProviders.FirstOrDefault(p => p.Type == resource.Type)
            ?? throw new InvalidOperationException($"No drift provider is registered for {resource.Type}.");
        var recorded = CloudResource.From(resource, job.ProviderId);
        var before = await drift.DescribeAsync(recorded, cancellationToken);
        var differences = DriftComparison.Compare(recorded, before);
        if (!before.Exists)
        {
            var checkedAt = clock.GetUtcNow();
            return Done((j, r) =>
            {
                r!.RecordDriftCheck(differences, [], checkedAt);
                j.Complete(checkedAt);
            });
        }

        await drift.ReconcileAsync(recorded, cancellationToken);
        var after = await drift.DescribeAsync(recorded, cancellationToken);
        var now = clock.GetUtcNow();
        var remaining = DriftComparison.Compare(recorded, after);
        var readings = DriftComparison.Readings(after);
        return Done((j, r) =>
        {
            r!.RecordReconciled(differences, remaining, readings, now);
            j.Complete(now);
            LogCompleted(logger, j.Kind, r.Id);
        });
    }

    private ProvisioningStepResult Retry(ProvisioningJob job, Resource resource, Exception exception)
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
            return GiveUp(job, resource, code, CloudFailureSentences.For(code, operation), error);
        }

#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        var backoff = RetryBackoff.After(attempt, options.Value.InitialBackoff, options.Value.MaxBackoff, Random.Shared.NextDouble());
#pragma warning restore CA5394
        var now = clock.GetUtcNow();
        LogRetry(logger, job.Kind, resource.Id, attempt, backoff, error);
        return Done((j, _) => j.RetryLater(error, now, backoff));
    }

    /// <summary>Failures the cloud causes and a later attempt may not meet: throttling and unavailability, network errors, timeouts.</summary>
    private static bool IsCloudUnavailable(Exception exception) =>
        exception is CloudTransientException or HttpRequestException or TimeoutException or IOException or TaskCanceledException;

    private static string? TraceId() => Activity.Current?.TraceId.ToString();

    /// <summary>Fails the job for good; <paramref name="reason"/> is the owner's sentence, <paramref name="jobError"/> the raw cause kept on the job row.</summary>
    private ProvisioningStepResult GiveUp(ProvisioningJob job, Resource resource, string failureCode, string reason, string jobError)
    {
        var now = clock.GetUtcNow();
        reason = reason.Length <= ProvisioningJob.LastErrorMaxLength ? reason : reason[..ProvisioningJob.LastErrorMaxLength];
        LogFailed(logger, job.Kind, resource.Id, reason);
        return new ProvisioningStepResult(
            (j, r) =>
            {
                var resourceIsWaitingOnThisJob = j.Kind switch
                {
                    ProvisioningJobKind.Create => r!.Status is ResourceStatus.Pending or ResourceStatus.Provisioning,
                    ProvisioningJobKind.Delete or ProvisioningJobKind.DeleteRecordOnly => r!.Status == ResourceStatus.Deleting,
                    _ => false,
                };
                if (resourceIsWaitingOnThisJob)
                {
                    r!.MarkFailed(failureCode, reason, now);
                }

                j.Complete(now, jobError);
            },
            GaveUp: true);
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
