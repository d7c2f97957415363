using Orchestrator.Application.Resources.Common;

namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>PUT /api/v1/resources/{id}/policy</c>.</summary>
/// <param name="Statements">Required; [] clears the policy.</param>
public sealed record ResourcePolicyBody(List<PolicyStatementDto>? Statements);
