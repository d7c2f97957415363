using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace Orchestrator.IntegrationTests.Abuse.Fuzzing;

/// <summary>
/// Generators of JSON values from a schema: values the schema allows (its examples, enums, formats, bounds, and the
/// document's own words), and values of every other kind to put where the schema expects one.
/// </summary>
public sealed class JsonSchemaValues(ServedOpenApiDocument document, IReadOnlyList<string> knownIds)
{
    private const int MaxDepth = 6;

    /// <summary>Strings no schema asks for but every API meets: empty, unicode, control characters, injections.</summary>
    public static readonly string[] OddStrings =
    [
        "", " ", "ü😀", "\u202Eevil", "e\u0301", "\u0000", "\uFFFF", "\t\r\n", "null", "true", "-1", "1e400",
        "' OR '1'='1", "<script>alert(1)</script>", "../../etc/passwd", "%00", "${jndi:ldap://x}", "{{7*7}}",
    ];

    /// <summary>Numbers outside any int32 field's range, or not integers at all, written as raw JSON numbers.</summary>
    public static readonly string[] OddNumbers =
        ["-1", "0", "2147483647", "2147483648", "-2147483649", "99999999999999999999999", "1e400", "-1e400", "0.5", "1E2", "-0"];

    // Dates around today, but the same all day long, so that a seed replays the same request.
    private readonly DateTimeOffset _today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    private Gen<string>? _plausible;

    /// <summary>Strings that often mean something to this API: the document's example words, then the known ids.</summary>
    public Gen<string> Plausible => _plausible ??= Pick.One([.. document.Words, .. knownIds]);

    public Gen<JsonNode?> Valid(JsonNode schema, int depth = 0)
    {
        schema = document.Resolve(schema);
        var gen = ValidNotNull(schema, depth);
        return Nullable(schema) ? Pick.Weighted((9, gen), (1, Gen.Const<JsonNode?>((JsonNode?)null))) : gen;
    }

    /// <summary>A value of another kind than the schema's, or out of its bounds.</summary>
    public Gen<JsonNode?> WrongKind(JsonNode schema, int depth = 0)
    {
        var kind = Kind(document.Resolve(schema));
        var gens = new List<Gen<JsonNode?>>();
        if (kind != "string")
        {
            gens.Add(Pick.OneOf(Plausible, Pick.One(OddStrings)).Select(s => (JsonNode?)JsonValue.Create(s)));
        }

        gens.Add(Pick.One(OddNumbers).Select(n => JsonNode.Parse(n)));
        if (kind != "boolean")
        {
            gens.Add(Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)));
        }

        if (kind != "array")
        {
            gens.Add(Any(depth + 1).List[0, 3].Select(items => (JsonNode?)new JsonArray([.. items])));
        }

        if (kind != "object")
        {
            gens.Add(Gen.Select(Plausible, Any(depth + 1), (k, v) => (JsonNode?)new JsonObject { [k] = v }));
        }

        gens.Add(Gen.Const<JsonNode?>((JsonNode?)null));
        return Pick.OneOf([.. gens]);
    }

    /// <summary>Any JSON value, shallow.</summary>
    public Gen<JsonNode?> Any(int depth) => depth >= MaxDepth
        ? Pick.OneOf(Plausible.Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Const<JsonNode?>((JsonNode?)null))
        : Pick.OneOf(
            Plausible.Select(s => (JsonNode?)JsonValue.Create(s)),
            Pick.One(OddNumbers).Select(n => JsonNode.Parse(n)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const<JsonNode?>((JsonNode?)null),
            new GenDeferred<JsonNode?>(() => Any(depth + 1)).List[0, 3].Select(items => (JsonNode?)new JsonArray([.. items])),
            Gen.Select(Plausible, new GenDeferred<JsonNode?>(() => Any(depth + 1)), (k, v) => (JsonNode?)new JsonObject { [k] = v }));

    public string Kind(JsonNode schema)
    {
        var type = schema["type"];
        var name = type is JsonArray types
            ? types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null")
            : type?.GetValue<string>();
        return name ?? (schema["properties"] is not null || schema["additionalProperties"] is JsonObject ? "object" : schema["items"] is not null ? "array" : "any");
    }

    private static bool Nullable(JsonNode schema) =>
        schema["nullable"]?.GetValue<bool>() == true || (schema["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null"));

    private Gen<JsonNode?> ValidNotNull(JsonNode schema, int depth)
    {
        if (schema["enum"] is JsonArray choices && choices.Count > 0)
        {
            return Pick.One([.. choices]).Select(c => c?.DeepClone());
        }

        var built = Kind(schema) switch
        {
            "object" => Object(schema, depth),
            "array" => Array(schema, depth),
            "string" => String(schema),
            "integer" => Integer(schema),
            "number" => Integer(schema).Select(n => n is null ? null : (JsonNode)JsonValue.Create(n.GetValue<int>() / 4.0)),
            "boolean" => Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            _ => Any(depth),
        };
        return schema["example"] is { } example
            ? Pick.Weighted((1, Gen.Const(() => example.DeepClone())), (2, built))
            : built;
    }

    private Gen<JsonNode?> Object(JsonNode schema, int depth)
    {
        if (depth >= MaxDepth)
        {
            return Gen.Const<JsonNode?>(new JsonObject());
        }

        var required = (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var properties = (schema["properties"]?.AsObject() ?? []).Select(p =>
        {
            var value = Valid(p.Value!, depth + 1).Select(v => (Name: p.Key, Value: v, Present: true));
            return required.Contains(p.Key) ? value : Pick.Weighted((3, value), (1, Gen.Const((Name: p.Key, Value: (JsonNode?)null, Present: false))));
        }).ToList();
        var extra = schema["additionalProperties"] is JsonObject additional && additional.Count > 0
            ? Gen.Select(Plausible, Valid(additional, depth + 1), (k, v) => (Name: k, Value: v, Present: true)).List[0, 3]
            : Gen.Const(new List<(string Name, JsonNode? Value, bool Present)>());
        return Gen.Select(new EachOf<(string Name, JsonNode? Value, bool Present)>(properties), extra, (fixedOnes, more) =>
        {
            var body = new JsonObject();
            foreach (var (name, value, present) in fixedOnes.Concat(more).Where(p => p.Present))
            {
                body[name] = value;
            }

            return (JsonNode?)body;
        });
    }

    private Gen<JsonNode?> Array(JsonNode schema, int depth)
    {
        var min = schema["minItems"]?.GetValue<int>() ?? 0;
        var max = Math.Max(min, Math.Min(schema["maxItems"]?.GetValue<int>() ?? 4, min + 4));
        var items = depth >= MaxDepth ? Gen.Const<JsonNode?>((JsonNode?)null) : Valid(schema["items"] ?? new JsonObject(), depth + 1);
        return items.List[min, max].Select(list => (JsonNode?)new JsonArray([.. list]));
    }

    private Gen<JsonNode?> String(JsonNode schema)
    {
        var format = schema["format"]?.GetValue<string>();
        var min = schema["minLength"]?.GetValue<int>() ?? 0;
        var max = Math.Max(min, Math.Min(schema["maxLength"]?.GetValue<int>() ?? 24, min + 40));
        var text = format switch
        {
            "uuid" => Pick.Weighted((3, Pick.One([.. knownIds])), (1, Gen.Guid.Select(g => g.ToString()))),
            "date-time" => Gen.Int[-400, 400].Select(days => _today.AddDays(days).ToString("O", CultureInfo.InvariantCulture)),
            _ => Fitting(min, max) is { Length: > 0 } words
                ? Pick.OneOf(Pick.One(words), Gen.String[Gen.Char['a', 'z'], min, max])
                : Gen.String[Gen.Char['a', 'z'], min, max],
        };
        return text.Select(s => (JsonNode?)JsonValue.Create(s));
    }

    private string[] Fitting(int min, int max) => [.. document.Words.Where(w => w.Length >= min && w.Length <= max)];

    private static Gen<JsonNode?> Integer(JsonNode schema)
    {
        var min = (int)Math.Max(int.MinValue, schema["minimum"]?.GetValue<double>() ?? -5);
        var max = (int)Math.Min(int.MaxValue, schema["maximum"]?.GetValue<double>() ?? 300);
        return Gen.Int[min, Math.Max(min, max)].Select(n => (JsonNode?)JsonValue.Create(n));
    }
}
