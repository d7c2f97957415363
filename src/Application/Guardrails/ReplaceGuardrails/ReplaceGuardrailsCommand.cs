using Mediator;
using Orchestrator.Application.Common.Concurrency;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Guardrails.ReplaceGuardrails;

/// <summary>Store a new version of the guardrail document. <paramref name="IfMatch"/> is required: the ETag it was made from.</summary>
[RequiresPermission(Permission.ManageGuardrails)]
public sealed record ReplaceGuardrailsCommand(IReadOnlyList<GuardrailRuleDto>? Rules, string? IfMatch) : ICommand<GuardrailDocumentAnswer>, IIfMatchRequired;
