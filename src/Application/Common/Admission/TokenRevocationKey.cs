namespace Orchestrator.Application.Common.Admission;

/// <summary>What a token's revocation is decided by: its id, its user, and the user's token version it was issued with.</summary>
public readonly record struct TokenRevocationKey(string Jti, Guid UserId, int TokenVersion);
