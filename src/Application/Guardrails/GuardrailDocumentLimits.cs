namespace Orchestrator.Application.Guardrails;

/// <summary>Bounds of a guardrail document; the OpenAPI document states them.</summary>
public static class GuardrailDocumentLimits
{
    public const int MaxRules = 50;

    /// <summary>A rule id: a lower-case letter, then lower-case letters, digits or hyphens; at most 63 characters.</summary>
    public const string RuleIdPattern = "^[a-z][a-z0-9-]{0,62}$";

    public const int MaxRuleIdLength = 63;

    public const int MaxDescriptionLength = 500;

    /// <summary>A schema's size as compact JSON, in UTF-8 bytes.</summary>
    public const int MaxSchemaBytes = 16 * 1024;

    /// <summary>How deeply a schema's objects and arrays may nest.</summary>
    public const int MaxSchemaDepth = 32;

    public const string SchemaDialect = "https://json-schema.org/draft/2020-12/schema";
}
