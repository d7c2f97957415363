using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

/// <summary>
/// How a resource's JSON columns (spec, policy, outputs, posture, drift) are written and read: one definition for the EF mapping
/// and for the prepared SQLite reader, so that both read a row the same way.
/// </summary>
internal static class ResourceDocumentColumns
{
    private static readonly JsonSerializerOptions SpecJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions PolicyJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Compares two documents by their JSON. The documents are immutable and their snapshot is the instance itself, so an
    /// unchanged column is the same instance and is recognised without writing it out (change detection runs on every save).
    /// </summary>
    public static ValueComparer<T> ComparedAsJson<T>(Func<T, string?> toJson) =>
        new(
            (a, b) => ReferenceEquals(a, b) || toJson(a!) == toJson(b!),
            document => (toJson(document) ?? string.Empty).GetHashCode(StringComparison.Ordinal),
            document => document);

    public static string SpecToJson(ResourceSpec spec) => JsonSerializer.Serialize(spec, SpecJson);

    public static ResourceSpec SpecFromJson(string json) => JsonSerializer.Deserialize<ResourceSpec>(json, SpecJson) ?? new ResourceSpec();

    /// <inheritdoc cref="SpecFromJson(string)"/>
    public static ResourceSpec SpecFromJson(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<ResourceSpec>(json, SpecJson) ?? new ResourceSpec();

    private static readonly JsonSerializerOptions CloudReportJson = new(JsonSerializerDefaults.Web);

    public const string EmptyOutputsJson = "{}";

    public const string EmptyPostureJson = "[]";

    public static string OutputsToJson(IReadOnlyDictionary<string, string> outputs) =>
        outputs.Count == 0 ? EmptyOutputsJson : JsonSerializer.Serialize(outputs, CloudReportJson);

    // Outputs are replaced whole, never changed in place, so every resource without any can share one empty map; a string
    // key's default comparer is ordinal.
    public static IReadOnlyDictionary<string, string> OutputsFromJson(string json) =>
        string.IsNullOrEmpty(json) || json == EmptyOutputsJson
            ? ReadOnlyDictionary<string, string>.Empty
            : (IReadOnlyDictionary<string, string>?)JsonSerializer.Deserialize<Dictionary<string, string>>(json, CloudReportJson)
              ?? ReadOnlyDictionary<string, string>.Empty;

    /// <inheritdoc cref="OutputsFromJson(string)"/>
    public static IReadOnlyDictionary<string, string> OutputsFromJson(ReadOnlySpan<byte> json) =>
        json.IsEmpty || json.SequenceEqual("{}"u8)
            ? ReadOnlyDictionary<string, string>.Empty
            : (IReadOnlyDictionary<string, string>?)JsonSerializer.Deserialize<Dictionary<string, string>>(json, CloudReportJson)
              ?? ReadOnlyDictionary<string, string>.Empty;

    public static string PostureToJson(IReadOnlyList<PostureReading> posture) =>
        posture.Count == 0 ? EmptyPostureJson : JsonSerializer.Serialize(posture, CloudReportJson);

    public static IReadOnlyList<PostureReading> PostureFromJson(string json) =>
        string.IsNullOrEmpty(json) || json == EmptyPostureJson
            ? []
            : JsonSerializer.Deserialize<List<PostureReading>>(json, CloudReportJson) ?? [];

    /// <inheritdoc cref="PostureFromJson(string)"/>
    public static IReadOnlyList<PostureReading> PostureFromJson(ReadOnlySpan<byte> json) =>
        json.IsEmpty || json.SequenceEqual("[]"u8)
            ? []
            : JsonSerializer.Deserialize<List<PostureReading>>(json, CloudReportJson) ?? [];

    private static readonly JsonSerializerOptions DriftJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string? DriftToJson(ResourceDrift? drift) => drift is null ? null : JsonSerializer.Serialize(drift, DriftJson);

    public static ResourceDrift? DriftFromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ResourceDrift>(json, DriftJson);

    /// <inheritdoc cref="DriftFromJson(string?)"/>
    public static ResourceDrift? DriftFromJson(ReadOnlySpan<byte> json) =>
        json.IsEmpty ? null : JsonSerializer.Deserialize<ResourceDrift>(json, DriftJson);

    public static string PolicyToJson(ResourcePolicy? policy) => JsonSerializer.Serialize(policy, PolicyJson);

    // Most resources have no policy: their column is read on every request about them, without parsing.
    private static readonly string EmptyPolicyJson = PolicyToJson(ResourcePolicy.Empty);

    private static readonly byte[] EmptyPolicyUtf8 = Encoding.UTF8.GetBytes(EmptyPolicyJson);

    // Rows written before policies existed hold an empty string.
    public static ResourcePolicy PolicyFromJson(string json) =>
        string.IsNullOrEmpty(json) || json == EmptyPolicyJson
            ? ResourcePolicy.Empty
            : JsonSerializer.Deserialize<ResourcePolicy>(json, PolicyJson) ?? ResourcePolicy.Empty;

    /// <inheritdoc cref="PolicyFromJson(string)"/>
    public static ResourcePolicy PolicyFromJson(ReadOnlySpan<byte> json) =>
        json.IsEmpty || json.SequenceEqual(EmptyPolicyUtf8)
            ? ResourcePolicy.Empty
            : JsonSerializer.Deserialize<ResourcePolicy>(json, PolicyJson) ?? ResourcePolicy.Empty;
}
