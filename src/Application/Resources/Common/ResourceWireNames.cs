using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.Common;

/// <summary>The lower-case (kebab-case) names of resource types and statuses on the wire ("ec2", "awaiting-approval").</summary>
public static class ResourceWireNames
{
    // Indexed by the enum's value (both count up from 0), computed once: a status is named on every read.
    private static readonly ResourceType[] TypeValues = Enum.GetValues<ResourceType>();
    private static readonly ResourceStatus[] StatusValues = Enum.GetValues<ResourceStatus>();
    private static readonly string[] TypeNames = [.. TypeValues.Select(WireName)];
    private static readonly string[] StatusNames = [.. StatusValues.Select(WireName)];

    public static readonly IReadOnlyList<string> Types = TypeNames;

    public static readonly IReadOnlyList<string> Statuses = StatusNames;

    public static string Of(ResourceType type) => TypeNames[(int)type];

    public static string Of(ResourceStatus status) => StatusNames[(int)status];

    public static bool TryParseType(string? value, out ResourceType type) => TryParse(TypeValues, TypeNames, value, out type);

    public static bool TryParseStatus(string? value, out ResourceStatus status) => TryParse(StatusValues, StatusNames, value, out status);

    public static ResourceType ParseType(string value) =>
        TryParseType(value, out var type) ? type : throw new ArgumentException($"Unknown resource type '{value}'.", nameof(value));

    private static bool TryParse<TEnum>(TEnum[] values, string[] names, string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        var index = Array.IndexOf(names, value);
        result = index < 0 ? default : values[index];
        return index >= 0;
    }

    /// <summary>"AwaitingApproval" -> "awaiting-approval"; a digit does not start a word ("Ec2" -> "ec2").</summary>
    private static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var wire = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                wire.Append('-');
            }

            wire.Append(char.ToLowerInvariant(name[i]));
        }

        return wire.ToString();
    }
}
