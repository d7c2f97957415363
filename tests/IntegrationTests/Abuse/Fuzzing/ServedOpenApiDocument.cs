using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// The OpenAPI document the API serves, read into its operations (3.0 or 3.1), with <c>$ref</c>s resolved on demand
/// and every string the document's examples and enums hold, which make plausible values for any field.
/// </summary>
public sealed class ServedOpenApiDocument
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly JsonNode _root;

    public ServedOpenApiDocument(string json)
    {
        _root = JsonNode.Parse(json) ?? throw new JsonException("empty OpenAPI document");
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in _root["paths"]!.AsObject())
        {
            var shared = item!["parameters"]?.AsArray() ?? [];
            foreach (var (method, operation) in item.AsObject().Where(o => Methods.Contains(o.Key)))
            {
                var parameters = shared.Concat(operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(p!))
                    .Select(p => new ApiParameter(
                        p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"] ?? new JsonObject(), p["required"]?.GetValue<bool>() ?? false))
                    .ToList();
                var bodies = (Resolve(operation["requestBody"] ?? new JsonObject())["content"]?.AsObject() ?? [])
                    .Select(c => (c.Key, c.Value?["schema"] ?? new JsonObject()))
                    .ToList();
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, bodies, AnswersTokenErrors(operation)));
            }
        }

        Operations = operations;
        Words = [.. Strings(_root).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        HeaderNames = [.. operations.SelectMany(o => o.Parameters).Where(p => p.In == "header").Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>Every string value of the document's examples and enums: names, regions, types, roles...</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The header parameters some operation declares (If-Match, Idempotency-Key...), to send anywhere.</summary>
    public IReadOnlyList<string> HeaderNames { get; }

    /// <summary>Follows a local <c>$ref</c> (to any depth); other nodes come back as they are.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        for (var hops = 0; hops < 32 && node is JsonObject o && o["$ref"]?.GetValue<string>() is { } reference; hops++)
        {
            node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode?)_root, (n, segment) => n?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)])
                ?? throw new JsonException($"unresolvable $ref {reference}");
        }

        return node;
    }

    /// <summary>An operation whose 4xx answers are documented as plain JSON with an <c>error</c> member (RFC 6749 section 5.2).</summary>
    private bool AnswersTokenErrors(JsonNode operation) =>
        (operation["responses"]?.AsObject() ?? []).Any(r =>
            r.Key.StartsWith('4')
            && Resolve(r.Value!)["content"]?["application/json"]?["schema"] is { } schema
            && Resolve(schema)["properties"]?["error"] is not null);

    private static IEnumerable<string> Strings(JsonNode? node, bool inExample = false)
    {
        switch (node)
        {
            case JsonObject o:
                return o.SelectMany(p => Strings(p.Value, inExample || p.Key is "example" or "examples" or "enum" or "default"));
            case JsonArray a:
                return a.SelectMany(n => Strings(n, inExample));
            case JsonValue v when inExample && v.TryGetValue<string>(out var s) && s.Length <= 200:
                return [s];
            default:
                return [];
        }
    }
}
