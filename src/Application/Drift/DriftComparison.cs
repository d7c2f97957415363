using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Drift;

/// <summary>
/// The differences between a resource as recorded and as the cloud describes it: existence, every tag (the
/// owner's and the service's own, missing, changed or added), and every enforced setting the cloud reported.
/// </summary>
public static class DriftComparison
{
    public const string ExistsField = "exists";
    public const string TagPrefix = "tags.";
    public const string PosturePrefix = "posture.";

    public static IReadOnlyList<DriftDifference> Compare(CloudResource recorded, CloudState actual)
    {
        if (!actual.Exists)
        {
            return [new DriftDifference(ExistsField, "true", "false")];
        }

        var differences = new List<DriftDifference>();
        var expectedTags = recorded.CloudTags();
        foreach (var (key, value) in expectedTags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var found = actual.Tags.TryGetValue(key, out var cloudValue) ? cloudValue : null;
            if (!string.Equals(found, value, StringComparison.Ordinal))
            {
                differences.Add(new DriftDifference(TagPrefix + key, value, found));
            }
        }

        foreach (var (key, value) in actual.Tags.Where(t => !expectedTags.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            differences.Add(new DriftDifference(TagPrefix + key, null, value));
        }

        // A setting the cloud did not report (null) is not known to differ.
        differences.AddRange(actual.Posture
            .Where(p => p.Actual is not null && !string.Equals(p.Expected, p.Actual, StringComparison.Ordinal))
            .Select(p => new DriftDifference(PosturePrefix + p.Setting, p.Expected, p.Actual)));
        return differences;
    }

    /// <summary>The settings as the resource keeps them.</summary>
    public static IReadOnlyList<PostureReading> Readings(CloudState actual) =>
        [.. actual.Posture.Select(p => new PostureReading(p.Setting, p.Expected, p.Actual))];
}
