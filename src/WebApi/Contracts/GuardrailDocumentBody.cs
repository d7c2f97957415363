using Orchestrator.Application.Guardrails;

namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>PUT /api/v1/guardrails</c>.</summary>
/// <param name="Rules">Required; [] leaves nothing to check. At most 50 rules.</param>
/// <param name="Version">Allowed so that a document read by GET can be sent back as it is; ignored (If-Match says which version a change is made from).</param>
public sealed record GuardrailDocumentBody(List<GuardrailRuleDto>? Rules, long? Version);
