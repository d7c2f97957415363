namespace Orchestrator.Application.Resources.Common;

/// <summary>A resource policy on the wire: <c>{statements: [{effect, principals, actions}]}</c>.</summary>
public sealed record ResourcePolicyDto(IReadOnlyList<PolicyStatementDto>? Statements);

/// <param name="Effect">"Allow" or "Deny".</param>
/// <param name="Principals">"user:&lt;id&gt;", "role:&lt;admin|operator|viewer&gt;" or "*".</param>
/// <param name="Actions">"read", "update", "delete".</param>
public sealed record PolicyStatementDto(string? Effect, IReadOnlyList<string>? Principals, IReadOnlyList<string>? Actions);
