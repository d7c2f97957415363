namespace Orchestrator.Domain.Resources;

/// <summary>The last drift check of a resource: its outcome, when it ran, and every difference it found (bounded).</summary>
public sealed record ResourceDrift(DriftState State, DateTimeOffset? CheckedAt, IReadOnlyList<DriftDifference> Differences)
{
    public const int MaxDifferences = 64;

    /// <summary>Field names are a prefix and a tag key or setting name; values are tag values at most.</summary>
    public const int FieldMaxLength = 140;

    public const int ValueMaxLength = ResourceRules.TagValueMaxLength;

    public static readonly ResourceDrift NeverChecked = new(DriftState.Unknown, null, []);

    /// <summary>The differences as kept: at most <see cref="MaxDifferences"/>, every string cut to its bound.</summary>
    public static List<DriftDifference> Bound(IEnumerable<DriftDifference> differences) =>
        [.. differences.Take(MaxDifferences).Select(d => new DriftDifference(Cut(d.Field, FieldMaxLength), CutOrNull(d.Expected), CutOrNull(d.Actual)))];

    /// <summary>True when both lists name the same fields with the same values, in the same order.</summary>
    public static bool SameDifferences(IReadOnlyList<DriftDifference> a, IReadOnlyList<DriftDifference> b) => a.SequenceEqual(b);

    private static string? CutOrNull(string? value) => value is null ? null : Cut(value, ValueMaxLength);

    private static string Cut(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];
}
