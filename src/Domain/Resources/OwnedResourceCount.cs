namespace Orchestrator.Domain.Resources;

/// <summary>
/// How many of one owner's resources a list without a status filter shows (every status but deleted). Kept by database
/// triggers on the resources table in the transaction that changes a row, so a caller who reads their own and granted
/// resources is counted from this row and their grants instead of every resource they own
/// (docs/decisions/0049-owned-resource-counts-kept-by-the-database.md).
/// </summary>
public sealed class OwnedResourceCount
{
    public Guid OwnerId { get; private set; }

    public int Listed { get; private set; }
}
