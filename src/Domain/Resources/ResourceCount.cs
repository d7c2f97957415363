namespace Orchestrator.Domain.Resources;

/// <summary>
/// How many resources of one type are in one status, in one of <see cref="Slots"/> slices of them (by the id's last
/// hexadecimal digit). Kept by database triggers on the resources table in the transaction that changes a row, so an
/// admin's list counts its matches from a few of these rows instead of every resource; the slices let writers on several
/// SQL Server instances change different rows (docs/decisions/0040-resource-counts-kept-by-the-database.md).
/// </summary>
public sealed class ResourceCount
{
    public const int Slots = 16;

    public ResourceType Type { get; private set; }

    public ResourceStatus Status { get; private set; }

    public int Slot { get; private set; }

    public int Count { get; private set; }
}
