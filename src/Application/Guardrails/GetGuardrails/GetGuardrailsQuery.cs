using Mediator;
using Orchestrator.Application.Common.Security;
using Orchestrator.Domain.Authorization;

namespace Orchestrator.Application.Guardrails.GetGuardrails;

/// <summary>The guardrail document in force (its newest version).</summary>
[RequiresPermission(Permission.Read)]
public sealed record GetGuardrailsQuery : IQuery<GuardrailDocumentAnswer>;
