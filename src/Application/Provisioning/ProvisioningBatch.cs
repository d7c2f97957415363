using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Telemetry;
using Orchestrator.Domain.Provisioning;

namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Works the jobs one worker claimed in one round with two commits, however many jobs: one transaction reads them and
/// saves what the API shows while the cloud works, the cloud calls run in parallel outside any transaction, and one
/// transaction records every result (docs/decisions/0037-batched-worker-and-bounded-scans.md). Each phase is one save
/// of all its jobs, every job row fenced by its lease (owner and fencing token) and its resource's version as read: a
/// job whose lease was lost, or whose resource changed meanwhile, is left out alone and the rest are saved.
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

        var (saved, refused) = await RecordAsync(claimed, results, cancellationToken);
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

    /// <summary>
    /// Reads the jobs this worker holds with their resources (tracked until their results are saved), and saves the
    /// changes made before the cloud call, in one transaction. Like the round's save, it is not run again on failure: the
    /// worker releases its jobs to be worked again from what is stored.
    /// </summary>
    private Task<(List<ClaimedJob> Claimed, List<long> Unsaved)> ReadAndPrepareAsync(
        IReadOnlyList<long> jobIds, string workerId, CancellationToken cancellationToken)
    {
        return db.InOneTransactionOnceAsync(
            async ct =>
            {
                var jobs = await db.ProvisioningJobs.Where(j => jobIds.Contains(j.Id) && j.LeaseOwner == workerId).OrderBy(j => j.Id).ToListAsync(ct);
                var resourceIds = jobs.Select(j => j.ResourceId).ToList();
                var resources = await db.Resources.Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
                var claimed = jobs.Select(job => new ClaimedJob(job, resources.GetValueOrDefault(job.ResourceId))).ToList();
                var prepared = claimed.Where(job => step.Prepare(job.Job, job.Resource)).ToList();
                var unsaved = await SaveFencedAsync(prepared, ct);
                claimed.RemoveAll(job => unsaved.Contains(job.Job.Id));
                return (claimed, unsaved.ToList());
            },
            cancellationToken);
    }

    /// <summary>
    /// Applies each result to its job and resource as read, and saves them at once: the save compares each job's lease
    /// owner and fencing token and its resource's version with what was read, so a job taken over or a resource changed
    /// meanwhile is refused alone.
    /// </summary>
    private Task<(List<(ProvisioningJob Job, bool GaveUp)> Saved, List<long> Refused)> RecordAsync(
        List<ClaimedJob> claimed, ConcurrentDictionary<long, ProvisioningStepResult> results, CancellationToken cancellationToken)
    {
        return db.InOneTransactionOnceAsync(
            async ct =>
            {
                var worked = claimed.Where(job => results.ContainsKey(job.Job.Id)).ToList();
                foreach (var (job, resource) in worked)
                {
                    results[job.Id].Apply(job, resource);
                }

                var refused = await SaveFencedAsync(worked, ct);
                var saved = worked.Where(job => !refused.Contains(job.Job.Id)).Select(job => (job.Job, results[job.Job.Id].GaveUp)).ToList();
                return (saved, refused.ToList());
            },
            cancellationToken);
    }

    /// <summary>
    /// Saves the jobs' changes at once. Every job row is written with its fencing token, even when only its resource
    /// changed: a job whose lease was taken over, or whose resource changed since it was read, is refused by its
    /// concurrency check and left out with its resource; the rest are saved. Returns the ids of the jobs left out.
    /// </summary>
    private async Task<HashSet<long>> SaveFencedAsync(IReadOnlyList<ClaimedJob> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return [];
        }

        var unitOf = new Dictionary<object, ClaimedJob>(ReferenceEqualityComparer.Instance);
        foreach (var job in jobs)
        {
            db.ProvisioningJobs.Entry(job.Job).Property(j => j.LeaseVersion).IsModified = true;
            unitOf[job.Job] = job;
            if (job.Resource is not null)
            {
                unitOf[job.Resource] = job;
            }
        }

        // Each job's database commands follow the request that wrote it (one job), or link to each (several).
        using var span = OrchestratorTelemetry.StartRoundSave(
            OrchestratorTelemetry.Source.HasListeners() ? jobs.Select(job => job.Job.TraceParent).ToList() : []);
        var leftOut = await db.SaveLeavingOutConflictsAsync(
            entity => unitOf.TryGetValue(entity, out var job) ? job.Rows : [],
            cancellationToken);
        return leftOut.OfType<ProvisioningJob>().Select(job => job.Id).ToHashSet();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning job {JobId} lost its lease while a step ran; the step stopped")]
    private static partial void LogLeaseLost(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning job {JobId} could not be worked; it is released for another try")]
    private static partial void LogStepFailed(ILogger logger, long jobId, Exception exception);
}
