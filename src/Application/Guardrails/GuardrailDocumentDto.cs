namespace Orchestrator.Application.Guardrails;

/// <summary>The guardrail document as GET answers it: its version and rules.</summary>
public sealed record GuardrailDocumentDto(long Version, IReadOnlyList<GuardrailRuleDto> Rules);
