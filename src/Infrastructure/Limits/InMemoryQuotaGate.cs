using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Interfaces;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Per-user quotas in process memory (the embedded default): ec2 and rds creations are a sliding log
/// over the last hour, so no rolling 60 minutes ever holds more than the limit; s3 is a count of live
/// buckets in the database plus reservations still in flight. A bucket stops counting as soon as its
/// deletion is requested.
/// </summary>
public sealed class InMemoryQuotaGate(
    InMemoryQuotaLedger ledger,
    IApplicationDbContext db,
    IOptions<QuotaOptions> options,
    TimeProvider clock) : IQuotaGate
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async ValueTask<IQuotaReservation> ReserveAsync(Guid userId, ResourceType type, CancellationToken cancellationToken)
    {
        var quotas = options.Value;
        return type switch
        {
            ResourceType.Ec2 => ReserveHourly(userId, type, quotas.Ec2PerHour, "ec2-per-hour"),
            ResourceType.Rds => ReserveHourly(userId, type, quotas.RdsPerHour, "rds-per-hour"),
            ResourceType.S3 => await ReserveBucketAsync(userId, quotas.S3Buckets, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    private IQuotaReservation ReserveHourly(Guid userId, ResourceType type, int limit, string quotaName)
    {
        if (!ledger.TryAppend(userId, type, limit, Window, clock.GetUtcNow(), out var entry, out var retryAfter))
        {
            throw new QuotaExceededException(
                quotaName,
                $"Quota '{quotaName}' is used up: at most {limit} {type.ToString().ToLowerInvariant()} creations in any rolling hour.",
                retryAfter);
        }

        return new LedgerReservation(() => ledger.Remove(userId, type, entry));
    }

    private async ValueTask<IQuotaReservation> ReserveBucketAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        var gate = ledger.BucketGate(userId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var live = await db.Resources.CountAsync(
                r => r.OwnerId == userId && r.Type == ResourceType.S3
                    && r.Status != ResourceStatus.Deleting && r.Status != ResourceStatus.Deleted,
                cancellationToken);
            if (!ledger.TryReserveBucket(userId, live, limit))
            {
                throw new QuotaExceededException(
                    "s3-buckets",
                    $"Quota 's3-buckets' is used up: at most {limit} live buckets; delete one to free a slot.",
                    retryAfter: null);
            }
        }
        finally
        {
            gate.Release();
        }

        // Either way the in-flight mark goes: on success the bucket is now counted in the database.
        return new LedgerReservation(() => ledger.EndBucketReservation(userId), () => ledger.EndBucketReservation(userId));
    }

    private sealed class LedgerReservation(Action release, Action? complete = null) : IQuotaReservation
    {
        public ValueTask CompleteAsync()
        {
            complete?.Invoke();
            return ValueTask.CompletedTask;
        }

        public ValueTask ReleaseAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }
}
