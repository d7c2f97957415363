using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.Common;

/// <summary>The lower-case names of resource types and statuses on the wire ("ec2", "pending").</summary>
public static class ResourceWireNames
{
    public static readonly IReadOnlyList<string> Types = [.. Enum.GetValues<ResourceType>().Select(Of)];

    public static readonly IReadOnlyList<string> Statuses = [.. Enum.GetValues<ResourceStatus>().Select(Of)];

    public static string Of(ResourceType type) => type.ToString().ToLowerInvariant();

    public static string Of(ResourceStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseType(string? value, out ResourceType type) => TryParse(value, out type);

    public static bool TryParseStatus(string? value, out ResourceStatus status) => TryParse(value, out status);

    public static ResourceType ParseType(string value) =>
        TryParseType(value, out var type) ? type : throw new ArgumentException($"Unknown resource type '{value}'.", nameof(value));

    private static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString().ToLowerInvariant(), value, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }
}
