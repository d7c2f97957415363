namespace Orchestrator.Application.Guardrails;

/// <summary>A guardrail document version and the ETag that names it.</summary>
public sealed record GuardrailDocumentAnswer(GuardrailDocumentDto Document, string ETag);
