using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Orchestrator.Application.Resources.Common;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Guardrails;

/// <summary>
/// Checks and compiles a document's rules. Each schema must be a valid JSON Schema 2020-12 (checked against the
/// 2020-12 meta-schema, then built by JsonSchema.Net with its own registry so no rule sees another's <c>$id</c>).
/// Errors are keyed by the rule (<c>rules[&lt;id&gt;].field</c>, or its position while it has no valid id).
/// </summary>
public static partial class GuardrailRuleCompiler
{
    private static readonly EvaluationOptions MetaSchemaCheck = new() { OutputFormat = OutputFormat.List };

    public static GuardrailCompilation Compile(IReadOnlyList<GuardrailRuleDto>? rules)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (rules is null)
        {
            errors["rules"] = ["'rules' is required (an empty list allows everything)."];
            return new GuardrailCompilation([], errors);
        }

        if (rules.Count > GuardrailDocumentLimits.MaxRules)
        {
            errors["rules"] = [$"A guardrail document holds at most {GuardrailDocumentLimits.MaxRules} rules."];
            return new GuardrailCompilation([], errors);
        }

        var compiled = new List<GuardrailRule>(rules.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            if (rule is null)
            {
                errors[$"rules[{index}]"] = ["A rule must be an object."];
                continue;
            }

            var ruleErrors = new List<(string Field, string Message)>();
            var key = CheckId(rule.Id, index, seen, ruleErrors);
            var name = rule.Id is not null && IdPattern().IsMatch(rule.Id) ? $"Rule '{rule.Id}'" : $"Rule {index}";
            if (Compile(rule, name, ruleErrors) is { } done && ruleErrors.Count == 0)
            {
                compiled.Add(done);
            }

            foreach (var group in ruleErrors.GroupBy(e => e.Field))
            {
                errors[$"{key}.{group.Key}"] = [.. group.Select(e => e.Message)];
            }
        }

        return new GuardrailCompilation(compiled, errors);
    }

    private static string CheckId(string? id, int index, HashSet<string> seen, List<(string, string)> errors)
    {
        if (id is null || !IdPattern().IsMatch(id))
        {
            errors.Add(("id", $"Rule {index}: 'id' must match {GuardrailDocumentLimits.RuleIdPattern} (a lower-case letter, then up to 62 lower-case letters, digits or hyphens)."));
            return $"rules[{index}]";
        }

        if (!seen.Add(id))
        {
            errors.Add(("id", $"Rule '{id}': another rule has the same id."));
        }

        return $"rules[{id}]";
    }

    private static GuardrailRule? Compile(GuardrailRuleDto rule, string name, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(rule.Description) || rule.Description.Length > GuardrailDocumentLimits.MaxDescriptionLength)
        {
            errors.Add(("description", $"{name}: 'description' is required, at most {GuardrailDocumentLimits.MaxDescriptionLength} characters (it is the message a refused request gets)."));
        }

        GuardrailEffect? effect = rule.Effect switch
        {
            "deny" => GuardrailEffect.Deny,
            "requireApproval" => GuardrailEffect.RequireApproval,
            _ => null,
        };
        if (effect is null)
        {
            errors.Add(("effect", $"{name}: 'effect' must be 'deny' or 'requireApproval'."));
        }

        var roles = rule.AppliesTo?.Roles ?? [];
        if (roles.Any(role => role is null || !RolePermissions.TryParseRole(role, out _)))
        {
            errors.Add(("appliesTo.roles", $"{name}: 'appliesTo.roles' may name only {string.Join(", ", RolePermissions.RoleNames)}."));
        }

        var types = rule.AppliesTo?.Types ?? [];
        if (types.Any(type => type is null || !ResourceWireNames.TryParseType(type, out _)))
        {
            errors.Add(("appliesTo.types", $"{name}: 'appliesTo.types' may name only {string.Join(", ", ResourceWireNames.Types)}."));
        }

        var schema = CompileSchema(rule.Schema, name, errors);
        return schema is null || effect is null || errors.Count > 0
            ? null
            : new GuardrailRule(rule.Id!, rule.Description!.Trim(), effect.Value, [.. roles.Distinct()], [.. types.Distinct()], schema);
    }

    private static JsonSchema? CompileSchema(JsonElement? schema, string name, List<(string, string)> errors)
    {
        if (schema is not { ValueKind: JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False } element)
        {
            errors.Add(("schema", $"{name}: 'schema' is required: a JSON Schema (2020-12), an object or a boolean."));
            return null;
        }

        if (!HoldsOnlyUnicode(element))
        {
            errors.Add(("schema", $"{name}: 'schema' has a name or string that is not valid Unicode (bytes that are not UTF-8, or an escaped lone surrogate such as \\ud800)."));
            return null;
        }

        if (Encoding.UTF8.GetByteCount(element.GetRawText()) > GuardrailDocumentLimits.MaxSchemaBytes || DepthOf(element) > GuardrailDocumentLimits.MaxSchemaDepth)
        {
            errors.Add(("schema", $"{name}: 'schema' may be at most {GuardrailDocumentLimits.MaxSchemaBytes} bytes and nest at most {GuardrailDocumentLimits.MaxSchemaDepth} levels."));
            return null;
        }

        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("$schema", out var dialect)
            && !(dialect.ValueKind == JsonValueKind.String && dialect.GetString() == GuardrailDocumentLimits.SchemaDialect))
        {
            errors.Add(("schema", $"{name}: 'schema' must be a JSON Schema 2020-12 (\"$schema\", when given, is {GuardrailDocumentLimits.SchemaDialect})."));
            return null;
        }

        var meta = MetaSchemas.Draft202012.Evaluate(element, MetaSchemaCheck);
        if (!meta.IsValid)
        {
            errors.Add(("schema", $"{name}: 'schema' is not a valid JSON Schema 2020-12: {FirstMetaSchemaError(meta)}"));
            return null;
        }

        if (SchemaReferences.ProblemIn(element) is { } reference)
        {
            errors.Add(("schema", $"{name}: 'schema' is not self-contained: {reference}"));
            return null;
        }

        try
        {
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
            return JsonSchema.Build(element, options);
        }
        catch (Exception exception) when (exception is JsonSchemaException or RefResolutionException or ArgumentException or FormatException)
        {
            errors.Add(("schema", $"{name}: 'schema' does not compile: {exception.Message}"));
            return null;
        }
    }

    private static string FirstMetaSchemaError(EvaluationResults meta)
    {
        var failure = (meta.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .Select(detail => $"at '{detail.InstanceLocation}', {detail.Errors!.First().Value}")
            .FirstOrDefault();
        return failure ?? "it breaks the 2020-12 meta-schema.";
    }

    /// <summary>
    /// Whether every name and string in <paramref name="element"/> can be read as text: a string's bytes may not be UTF-8
    /// (the parser leaves them unchecked until read), and JSON lets a string escape a lone surrogate (<c>"\ud800"</c>),
    /// which no .NET string can hold; reading either throws, and so does the schema's raw text.
    /// </summary>
    private static bool HoldsOnlyUnicode(JsonElement element)
    {
        try
        {
            Read(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static void Read(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Read(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Read(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
    }

    private static int DepthOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => DepthOf(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(DepthOf).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    [GeneratedRegex(GuardrailDocumentLimits.RuleIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
