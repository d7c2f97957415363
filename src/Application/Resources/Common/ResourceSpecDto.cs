using System.Text.Json.Serialization;

namespace Orchestrator.Application.Resources.Common;

/// <summary>The wire form of a spec: only the fields of the resource's own type are present.</summary>
public sealed record ResourceSpecDto
{
    /// <summary>A spec with no field set (immutable, so shared).</summary>
    public static readonly ResourceSpecDto None = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceType { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ImageId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Engine { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceClass { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? AllocatedStorage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Versioning { get; init; }
}
