using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Orchestrator.WebApi.OpenApi;

/// <summary>Writes limits into a schema without loosening one already stated (the tighter bound wins).</summary>
public static class SchemaBounds
{
    public static void MaxLength(OpenApiSchema schema, int max) => schema.MaxLength = Math.Min(schema.MaxLength ?? int.MaxValue, max);

    public static void MinLength(OpenApiSchema schema, int min) => schema.MinLength = Math.Max(schema.MinLength ?? 0, min);

    public static void Length(OpenApiSchema schema, int min, int max)
    {
        MinLength(schema, min);
        MaxLength(schema, max);
    }

    public static void MaxItems(OpenApiSchema schema, int max) => schema.MaxItems = Math.Min(schema.MaxItems ?? int.MaxValue, max);

    public static void Range(OpenApiSchema schema, long min, long max)
    {
        var low = Math.Max(Parse(schema.Minimum) ?? long.MinValue, min);
        var high = Math.Min(Parse(schema.Maximum) ?? long.MaxValue, max);
        schema.Minimum = low.ToString(CultureInfo.InvariantCulture);
        schema.Maximum = high.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A string that is one of a known set of values; its longest member bounds its length.</summary>
    public static void OneOf(OpenApiSchema schema, IEnumerable<string> values)
    {
        var list = values.ToList();
        schema.Enum = [.. list.Select(v => (JsonNode)JsonValue.Create(v))];
        MaxLength(schema, list.Max(v => v.Length));
    }

    /// <summary>A .NET pattern as ECMA-262 understands it: <c>\z</c> (end of input) has no JavaScript spelling but <c>$</c> without the m flag.</summary>
    public static void Pattern(OpenApiSchema schema, string dotnetPattern) =>
        schema.Pattern = dotnetPattern.Replace(@"\z", "$", StringComparison.Ordinal);

    public static bool IsString(OpenApiSchema schema) => schema.Type?.HasFlag(JsonSchemaType.String) == true;

    public static bool IsInteger(OpenApiSchema schema) => schema.Type?.HasFlag(JsonSchemaType.Integer) == true;

    public static bool IsArray(OpenApiSchema schema) => schema.Type?.HasFlag(JsonSchemaType.Array) == true;

    private static long? Parse(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
