using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Application.Guardrails;

/// <summary>How a version's rules are stored: the wire form of the rule list, schemas kept as sent.</summary>
public static class GuardrailDocumentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<GuardrailRuleDto> rules) => JsonSerializer.Serialize(rules, Options);

    public static IReadOnlyList<GuardrailRuleDto> Read(string rulesJson) =>
        JsonSerializer.Deserialize<List<GuardrailRuleDto>>(rulesJson, Options) ?? [];
}
