using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.ListResources;

/// <summary>The columns a list page needs, read without tracking and without the policy.</summary>
internal sealed record ResourceListRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public ResourceType Type { get; init; }

    public string Region { get; init; } = string.Empty;

    public ResourceSpec Spec { get; init; } = new();

    public ResourceStatus Status { get; init; }

    public string? StatusReason { get; init; }

    public string? FailureCode { get; init; }

    public string? ProviderId { get; init; }

    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<PostureReading> Posture { get; init; } = [];

    public ResourceDrift? Drift { get; init; }

    public Guid OwnerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long Version { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public bool DeletionProtection { get; init; }

    public List<ResourceTagRow> Tags { get; init; } = [];

    /// <summary>
    /// The tags as the wire's dictionary. A method rather than lambdas in the mapping: a lambda nested in a compiled
    /// mapping becomes a new delegate every time the mapping runs, here twice for every row of every page.
    /// </summary>
    public IReadOnlyDictionary<string, string> TagDictionary()
    {
        var tags = new Dictionary<string, string>(Tags.Count, StringComparer.Ordinal);
        foreach (var tag in Tags)
        {
            tags.Add(tag.Key, tag.Value);
        }

        return tags;
    }
}

internal sealed record ResourceTagRow(string Key, string Value);
