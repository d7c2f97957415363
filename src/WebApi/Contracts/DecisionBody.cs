namespace Orchestrator.WebApi.Contracts;

/// <summary>The body of <c>POST /api/v1/approvals/{id}/approve</c> and <c>.../reject</c>.</summary>
/// <param name="Comment">Optional, at most 1000 characters: why, for the requester and the audit.</param>
public sealed record DecisionBody(string? Comment);
