using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Approvals.Common;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Application.Retention;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Resources;
using Orchestrator.Domain.Retention;

namespace Orchestrator.Application.Approvals.ExpireApprovals;

/// <summary>
/// One expiry scan, when it is due: claims the <see cref="MaintenanceSchedule.ApprovalExpiry"/> lease (one instance at a
/// time), then expires the requests older than <c>Approvals:ExpireAfter</c> oldest first, batch by batch along the
/// (status, created) index, renewing the lease after each batch. Each request is expired in its own save under the
/// approval's concurrency token, so a decision made meanwhile wins and nothing is expired twice, even by a scan whose
/// lease ran out (docs/decisions/0030-approvals.md).
/// </summary>
public sealed partial class ApprovalExpiryScan(
    IApplicationDbContext db,
    MaintenanceLease lease,
    IQuotaGate quotaGate,
    TimeProvider clock,
    IOptions<ApprovalOptions> options,
    ILogger<ApprovalExpiryScan> logger)
{
    private const string Schedule = MaintenanceSchedule.ApprovalExpiry;

    /// <summary>How many requests this scan expired, or null when none was due (or another instance holds the scan).</summary>
    public async Task<int?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!await lease.TryClaimAsync(Schedule, settings.LeaseDuration, cancellationToken))
        {
            return null;
        }

        var expired = 0;
        while (true)
        {
            var cutoff = clock.GetUtcNow() - settings.ExpireAfter;
            var due = await db.Approvals.AsNoTracking()
                .Where(a => a.Status == ApprovalStatus.Pending && a.CreatedAt <= cutoff)
                .OrderBy(a => a.CreatedAt)
                .Select(a => a.Id)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken);
            var expiredInBatch = 0;
            foreach (var approvalId in due)
            {
                if (await TryExpireAsync(approvalId, settings.ExpireAfter, cancellationToken))
                {
                    expiredInBatch++;
                }
            }

            expired += expiredInBatch;

            if (!await lease.RenewAsync(Schedule, settings.LeaseDuration, cancellationToken))
            {
                LogLeaseLost(logger, expired);
                return expired;
            }

            // A full batch of which nothing could be expired would be read again as it is: the next scan retries it.
            if (due.Count < settings.BatchSize || expiredInBatch == 0)
            {
                break;
            }
        }

        await lease.CompleteAsync(Schedule, settings.ScanInterval, cancellationToken);
        return expired;
    }

    private async Task<bool> TryExpireAsync(Guid approvalId, TimeSpan expireAfter, CancellationToken cancellationToken)
    {
        try
        {
            var approval = await db.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken);
            var resource = approval is null ? null : await db.Resources.FirstOrDefaultAsync(r => r.Id == approval.ResourceId, cancellationToken);
            if (approval is not { IsPending: true } || resource is not { Status: ResourceStatus.AwaitingApproval })
            {
                // Decided (or deleted) since the batch was read; a decision saved between the two reads moved the resource on.
                return false;
            }

            var now = clock.GetUtcNow();
            approval.Expire(now, expireAfter);
            resource.RejectCreation(ApprovalStatusReasons.Expired(expireAfter), now);
            await db.SaveChangesAsync(cancellationToken);
            if (approval.QuotaReceipt is { } receipt)
            {
                await quotaGate.GiveBackAsync(resource.OwnerId, resource.Type, receipt, CancellationToken.None);
            }

            LogExpired(logger, approvalId, resource.Id);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Decided (or deleted, or expired by a scan whose lease had run out) since it was read: that change stands.
            return false;
        }
        finally
        {
            db.DiscardChanges();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId} expired undecided: resource {ResourceId} rejected")]
    private static partial void LogExpired(ILogger logger, Guid approvalId, Guid resourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval expiry scan stopped after {Expired} requests: another instance took its lease over")]
    private static partial void LogLeaseLost(ILogger logger, int expired);
}
