using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Common.Exceptions;
using Orchestrator.Application.Common.Limits;
using Orchestrator.Application.Common.Quotas;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Persistence;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// Per-user quotas. ec2 and rds creations are a sliding log over the last hour on the limiter store (memory or Redis), so
/// no rolling 60 minutes ever holds more than the limit. s3 is a count of live buckets kept by the database's triggers,
/// decided inside the transaction that stores the bucket: after the insert, the owner's count is read again and a count
/// over the limit rolls the creation back, exact across instances since the database takes writers in turn
/// (docs/decisions/0036-create-path-cost.md). A bucket stops counting as soon as its deletion is requested, its creation
/// failed or was rejected, or it was forgotten; a retried one counts again (the retry checks this quota).
/// One waiting for an approval counts (its unit is reserved).
/// When the store is unreachable, <see cref="LimiterStoreUnavailableException"/> propagates: fail closed.
/// </summary>
public sealed class QuotaGate(
    ILimiterStore store,
    IServiceProvider services,
    IOptions<QuotaOptions> options,
    ILogger<QuotaGate> logger) : IQuotaGate
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private const string Ec2PerHour = "ec2-per-hour";
    private const string RdsPerHour = "rds-per-hour";
    private const string S3Buckets = "s3-buckets";

    public async ValueTask<IQuotaReservation> ReserveAsync(Guid userId, ResourceType type, CancellationToken cancellationToken)
    {
        var quotas = options.Value;
        return type switch
        {
            ResourceType.Ec2 => await ReserveHourlyAsync(userId, type, quotas.Ec2PerHour, Ec2PerHour, cancellationToken),
            ResourceType.Rds => await ReserveHourlyAsync(userId, type, quotas.RdsPerHour, RdsPerHour, cancellationToken),
            ResourceType.S3 => await ReserveBucketAsync(userId, quotas.S3Buckets, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    // The same keys, limits and counts as the reservations, read only: no entry appended, no lease taken.
    public async ValueTask<QuotaUsage> UsageAsync(Guid userId, ResourceType type, CancellationToken cancellationToken)
    {
        var quotas = options.Value;
        switch (type)
        {
            case ResourceType.Ec2:
                return new(type, Ec2PerHour, quotas.Ec2PerHour, await store.CountAsync(HourlyKey(userId, Ec2PerHour), Window, cancellationToken), Window);
            case ResourceType.Rds:
                return new(type, RdsPerHour, quotas.RdsPerHour, await store.CountAsync(HourlyKey(userId, RdsPerHour), Window, cancellationToken), Window);
            case ResourceType.S3:
                // A Redis outage refuses bucket creations too, so it refuses their reading: what is shown is what a create would meet.
                store.ThrowIfUnreachable();
                return new(type, S3Buckets, quotas.S3Buckets, await LiveBucketsAsync(userId, cancellationToken), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    public ValueTask GiveBackAsync(Guid userId, ResourceType type, string receipt, CancellationToken cancellationToken) => type switch
    {
        ResourceType.Ec2 => GiveBackAsync(HourlyKey(userId, Ec2PerHour), receipt),
        ResourceType.Rds => GiveBackAsync(HourlyKey(userId, RdsPerHour), receipt),

        // Live buckets are counted from the database: a bucket that stopped counting has already freed its slot.
        _ => ValueTask.CompletedTask,
    };

    private static string HourlyKey(Guid userId, string quotaName) => $"quota:{userId:N}:{quotaName}";

    private async ValueTask<IQuotaReservation> ReserveHourlyAsync(Guid userId, ResourceType type, int limit, string quotaName, CancellationToken cancellationToken)
    {
        var key = HourlyKey(userId, quotaName);
        var decision = await store.TryAppendAsync(key, limit, Window, cancellationToken);
        if (decision.Entry is not { } entry)
        {
            throw new QuotaExceededException(
                quotaName,
                $"Quota '{quotaName}' is used up: at most {limit} {type.ToString().ToLowerInvariant()} creations in any rolling hour.",
                decision.RetryAfter);
        }

        return new Reservation(release: () => GiveBackAsync(key, entry), receipt: entry);
    }

    // Refused early when already full; decided by ConfirmAsync once the bucket is written, since another creation may be
    // stored between this read and that one.
    private async ValueTask<IQuotaReservation> ReserveBucketAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        store.ThrowIfUnreachable();
        if (await LiveBucketsAsync(userId, cancellationToken) >= limit)
        {
            throw BucketsUsedUp(limit);
        }

        return new BucketReservation(this, userId, limit);
    }

    private static QuotaExceededException BucketsUsedUp(int limit) => new(
        S3Buckets, $"Quota 's3-buckets' is used up: at most {limit} live buckets; delete one to free a slot.", retryAfter: null);

    /// <summary>
    /// The buckets that count against an owner's quota: those not deleting, deleted, failed, forgotten or rejected.
    /// Their number is kept by the database's triggers (<see cref="LiveBucketCount"/>): one row read by key instead of a count
    /// that grew with the owner's buckets; resolved here, since only bucket creations read it (twice each). A compiled
    /// query, per model as every compiled query is (docs/decisions/0045-compiled-list-queries.md).
    /// </summary>
    private async Task<int> LiveBucketsAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var live = LiveBuckets.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            ((Expression<Func<AppDbContext, Guid, CancellationToken, int>>)((db, ownerId, _) =>
                LiveBucketRowOf.Invoke(db, ownerId).FirstOrDefault())).Expand()));
        return await live(db, ownerId, cancellationToken);
    }

    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, Guid, CancellationToken, Task<int>>> LiveBuckets = [];

    /// <summary>The owner's count row (none yet: no live bucket), read by its key.</summary>
    private static readonly Expression<Func<AppDbContext, Guid, IQueryable<int>>> LiveBucketRowOf = (db, ownerId) =>
        db.Set<LiveBucketCount>().Where(c => c.OwnerId == ownerId).Select(c => c.Live);

    /// <summary>The statement <see cref="LiveBucketsAsync"/> runs, as a query (for its plan).</summary>
    internal static IQueryable<int> LiveBucketRow(AppDbContext db, Guid ownerId) => LiveBucketRowOf.Compile()(db, ownerId);

    private async ValueTask GiveBackAsync(string key, string entry)
    {
        try
        {
            await store.RemoveAsync(key, entry, CancellationToken.None);
        }
        catch (LimiterStoreUnavailableException)
        {
            // The entry counts until it leaves the window: the user is refused early, never let over the limit.
            logger.LogWarning("Could not give back a quota reservation; it expires with its window");
        }
    }

    private sealed class Reservation(Func<ValueTask> release, string receipt) : IQuotaReservation
    {
        public string? Receipt => receipt;

        public ValueTask CompleteAsync() => ValueTask.CompletedTask;

        public ValueTask ReleaseAsync() => release();
    }

    /// <summary>A live bucket: counted by the database once stored, so it holds nothing to give back; decided by its confirmation.</summary>
    private sealed class BucketReservation(QuotaGate gate, Guid ownerId, int limit) : IQuotaReservation
    {
        private bool _confirmed;

        // The count row was written by the insert's trigger in this transaction, so it stays locked until the commit.
        public async ValueTask ConfirmAsync(CancellationToken cancellationToken)
        {
            if (await gate.LiveBucketsAsync(ownerId, cancellationToken) > limit)
            {
                throw BucketsUsedUp(limit);
            }

            _confirmed = true;
        }

        // A handler that stored a bucket without confirming it would let the quota pass unchecked: a fault, found by any test.
        public ValueTask CompleteAsync() => _confirmed
            ? ValueTask.CompletedTask
            : throw new InvalidOperationException("A bucket creation was stored without confirming its quota in the storing transaction.");

        public ValueTask ReleaseAsync() => ValueTask.CompletedTask;
    }
}
