namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// How many of one owner's buckets count against the s3 quota now. Kept by database triggers on <c>Resources</c>
/// in the transaction that changes a row, whichever code (or SQL) changed it, so the quota reads one row instead
/// of counting the owner's buckets (docs/decisions/0036-create-path-cost.md).
/// </summary>
public sealed class LiveBucketCount
{
    public const string Table = "LiveBucketCounts";

    /// <summary>The triggers that keep the counts; the Resources table is configured with them so EF writes it trigger-safe.</summary>
    public const string InsertTrigger = "TR_Resources_LiveBuckets_Insert";

    public const string UpdateTrigger = "TR_Resources_LiveBuckets_Update";

    public const string DeleteTrigger = "TR_Resources_LiveBuckets_Delete";

    public Guid OwnerId { get; private set; }

    public int Live { get; private set; }
}
