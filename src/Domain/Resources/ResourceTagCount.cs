namespace Orchestrator.Domain.Resources;

/// <summary>
/// How many resources of one type in one status carry one tag (key and value), in one of
/// <see cref="ResourceCount.Slots"/> slices of them (by the resource id's last hexadecimal digit). Kept by database
/// triggers on the tags and the resources in the transaction that changes a row, so that an admin's list filtered by one
/// tag counts its matches from a few of these rows instead of visiting every resource that carries it
/// (docs/decisions/0041-tag-counts-kept-by-the-database.md).
/// </summary>
public sealed class ResourceTagCount
{
    public string Key { get; private set; } = string.Empty;

    public string Value { get; private set; } = string.Empty;

    public ResourceType Type { get; private set; }

    public ResourceStatus Status { get; private set; }

    public int Slot { get; private set; }

    public int Count { get; private set; }
}
