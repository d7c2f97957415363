using Microsoft.EntityFrameworkCore;
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
/// Per-user quotas on the limiter store (memory or Redis). ec2 and rds creations are a sliding log over the
/// last hour, so no rolling 60 minutes ever holds more than the limit. s3 is a count of live buckets in the
/// database, taken under a per-user lease held until the creation is stored or abandoned, so the count and
/// the insert are one step across instances. A bucket stops counting as soon as its deletion is requested, its
/// creation failed or was rejected, or it was forgotten; a retried one counts again (the retry checks this quota).
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

    // Long enough for a creation to be stored; a crashed holder blocks the user's next bucket for at most this.
    private static readonly TimeSpan BucketLeaseTtl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BucketLeaseWait = TimeSpan.FromSeconds(10);

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
                // A Redis outage refuses bucket creations (the lease), so it refuses their reading too: what is shown is what a create would meet.
                await store.CountAsync(BucketLeaseKey(userId), Window, cancellationToken);
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

    private static string BucketLeaseKey(Guid userId) => $"quota:{userId:N}:{S3Buckets}";

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

        return new Reservation(release: () => GiveBackAsync(key, entry), complete: null, receipt: entry);
    }

    private async ValueTask<IQuotaReservation> ReserveBucketAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        var lease = await store.AcquireLeaseAsync(BucketLeaseKey(userId), BucketLeaseTtl, BucketLeaseWait, cancellationToken);
        try
        {
            var live = await LiveBucketsAsync(userId, cancellationToken);
            if (live >= limit)
            {
                throw new QuotaExceededException(
                    S3Buckets,
                    $"Quota 's3-buckets' is used up: at most {limit} live buckets; delete one to free a slot.",
                    retryAfter: null);
            }
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }

        // Either way the lease goes: on success the bucket is now counted in the database.
        return new Reservation(release: lease.DisposeAsync, complete: lease.DisposeAsync, receipt: null);
    }

    /// <summary>
    /// The buckets that count against an owner's quota: those not deleting, deleted, failed, forgotten or rejected.
    /// Their number is kept by the database's triggers (<see cref="LiveBucketCount"/>): one row read by key instead of a count
    /// that grew with the owner's buckets; resolved here, since only bucket creations read it.
    /// </summary>
    private async Task<int> LiveBucketsAsync(Guid ownerId, CancellationToken cancellationToken) =>
        await LiveBucketRow(services.GetRequiredService<AppDbContext>(), ownerId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The owner's count row (none yet: no live bucket), read by its key.</summary>
    internal static IQueryable<int> LiveBucketRow(AppDbContext db, Guid ownerId) =>
        db.Set<LiveBucketCount>().Where(c => c.OwnerId == ownerId).Select(c => c.Live);

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

    private sealed class Reservation(Func<ValueTask> release, Func<ValueTask>? complete, string? receipt) : IQuotaReservation
    {
        public string? Receipt => receipt;

        public ValueTask CompleteAsync() => complete?.Invoke() ?? ValueTask.CompletedTask;

        public ValueTask ReleaseAsync() => release();
    }
}
