namespace Orchestrator.Application.Guardrails;

/// <summary>Who asks: the user id and role wire name ("admin", "operator", "viewer") from the access token.</summary>
public sealed record GuardrailRequester(Guid Id, string Role);
