using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Works the jobs one worker claimed in one round with two commits, however many jobs: one transaction reads them and
/// saves what the API shows while the cloud works, the cloud calls run in parallel outside any transaction, and one
/// transaction records every result (docs/decisions/0037-batched-worker-and-bounded-scans.md). Each job's save is
/// fenced by its lease (owner and fencing token) and by its resource's version, and has its own savepoint: a job whose
/// lease was lost, or whose resource changed meanwhile, is left out alone and the rest are saved.
/// </summary>
public sealed partial class ProvisioningBatch(
    IApplicationDbContext db,
    ProvisioningJobStep step,
    ProvisioningJobQueue queue,
    IOptions<ProvisioningOptions> options,
    ILogger<ProvisioningBatch> logger)
{
    /// <summary>Works one claimed job (tests, and any caller that claimed it alone); returns whether its result was saved.</summary>
    public async Task<bool> RunAsync(long jobId, string workerId, CancellationToken cancellationToken) =>
        await RunAsync([jobId], workerId, _ => cancellationToken, cancellationToken) == 1;

    /// <summary>
    /// Works the claimed jobs one step; <paramref name="leaseOf"/> gives each job's token, cancelled when its lease is
    /// lost. Returns how many results were saved; the jobs whose result could not be saved are released for another try.
    /// </summary>
    public async Task<int> RunAsync(
        IReadOnlyList<long> jobIds, string workerId, Func<long, CancellationToken> leaseOf, CancellationToken cancellationToken)
    {
        var (claimed, unsaved) = await ReadAndPrepareAsync(jobIds, workerId, cancellationToken);

        var results = new ConcurrentDictionary<long, ProvisioningStepResult>();
        var failed = new ConcurrentBag<long>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed, parallel, async (job, ct) =>
        {
            var lease = leaseOf(job.Job.Id);
            using var span = OrchestratorTelemetry.StartJobStep(OrchestratorTelemetry.Source.HasListeners() ? job.Job.TraceParent : null);
            try
            {
                results[job.Job.Id] = await step.WorkAsync(job.Job, job.Resource, lease);
            }
            catch (OperationCanceledException) when (lease.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // The lease was lost mid-step: whoever holds it now works the job; nothing of this step is saved.
                LogLeaseLost(logger, job.Job.Id);
            }
            catch (Exception exception) when (!ct.IsCancellationRequested)
            {
                LogStepFailed(logger, job.Job.Id, exception);
                failed.Add(job.Job.Id);
            }
        });

        var (saved, refused) = await RecordAsync(claimed, results, workerId, cancellationToken);
        foreach (var (job, gaveUp) in saved)
        {
            if (job.CompletedAt is { } completed)
            {
                // Counted once the end is committed: a step whose save lost the lease records nothing.
                OrchestratorMetrics.ProvisioningFinished(ProvisioningJobStep.KindLabel(job.Kind), gaveUp ? "failed" : "succeeded", completed - job.CreatedAt);
            }
        }

        // Given back so they are tried again at the next poll rather than after the lease; a lost lease is not ours to give.
        var release = unsaved.Concat(refused).Concat(failed).ToList();
        if (release.Count > 0)
        {
            await queue.ReleaseAsync(release, workerId, cancellationToken);
        }

        return saved.Count;
    }

    /// <summary>Reads each job this worker holds with its resource, and saves the changes made before the cloud call, in one transaction.</summary>
    private Task<(List<ClaimedJob> Claimed, List<long> Unsaved)> ReadAndPrepareAsync(
        IReadOnlyList<long> jobIds, string workerId, CancellationToken cancellationToken) =>
        db.InOneTransactionAsync(
            async ct =>
            {
                var claimed = new List<ClaimedJob>();
                var unsaved = new List<long>();
                foreach (var jobId in jobIds)
                {
                    db.DiscardChanges();
                    var job = await db.ProvisioningJobs.FirstOrDefaultAsync(j => j.Id == jobId && j.LeaseOwner == workerId, ct);
                    if (job is null)
                    {
                        continue;
                    }

                    var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == job.ResourceId, ct);
                    if (step.Prepare(job, resource) && !await TrySaveFencedAsync(job, ct))
                    {
                        unsaved.Add(jobId);
                        continue;
                    }

                    claimed.Add(new ClaimedJob(job, resource));
                }

                db.DiscardChanges();
                return (claimed, unsaved);
            },
            cancellationToken);

    /// <summary>
    /// Applies each result to its job and resource as read in this transaction, only where both are as the claim read
    /// them (the lease's fencing token, the resource's version), and saves each with its own savepoint.
    /// </summary>
    private Task<(List<(ProvisioningJob Job, bool GaveUp)> Saved, List<long> Refused)> RecordAsync(
        List<ClaimedJob> claimed, ConcurrentDictionary<long, ProvisioningStepResult> results, string workerId, CancellationToken cancellationToken) =>
        db.InOneTransactionAsync(
            async ct =>
            {
                var saved = new List<(ProvisioningJob Job, bool GaveUp)>();
                var refused = new List<long>();
                foreach (var (seenJob, seenResource) in claimed)
                {
                    if (!results.TryGetValue(seenJob.Id, out var result))
                    {
                        continue;
                    }

                    db.DiscardChanges();
                    var job = await db.ProvisioningJobs.FirstOrDefaultAsync(
                        j => j.Id == seenJob.Id && j.LeaseOwner == workerId && j.LeaseVersion == seenJob.LeaseVersion, ct);
                    if (job is null)
                    {
                        // Taken over after the lease ran out: the new holder works it from what is stored.
                        continue;
                    }

                    Resource? resource = null;
                    if (seenResource is not null)
                    {
                        resource = await db.Resources.FirstOrDefaultAsync(
                            r => r.Id == seenResource.Id && r.Version == seenResource.Version && r.ExpiryCheckAt == seenResource.ExpiryCheckAt, ct);
                        if (resource is null)
                        {
                            // Changed while the cloud worked: the next try starts from the new record.
                            refused.Add(job.Id);
                            continue;
                        }
                    }

                    result.Apply(job, resource);
                    if (await TrySaveFencedAsync(job, ct))
                    {
                        saved.Add((job, result.GaveUp));
                    }
                    else
                    {
                        refused.Add(job.Id);
                    }
                }

                db.DiscardChanges();
                return (saved, refused);
            },
            cancellationToken);

    /// <summary>
    /// Every save carries the job row with its fencing token, even when only the resource changed: a worker whose lease
    /// was taken over affects no row and records nothing. A refused save is rolled back to its own savepoint.
    /// </summary>
    private async Task<bool> TrySaveFencedAsync(ProvisioningJob job, CancellationToken cancellationToken)
    {
        db.ProvisioningJobs.Entry(job).Property(j => j.LeaseVersion).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning job {JobId} lost its lease while a step ran; the step stopped")]
    private static partial void LogLeaseLost(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning job {JobId} could not be worked; it is released for another try")]
    private static partial void LogStepFailed(ILogger logger, long jobId, Exception exception);
}
