namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// A token's revocation lookup for <see cref="RedisCheckBatcher"/>: revoked when its id is on the deny list
/// (<see cref="RevokedIdKey"/>), or when its user's token version (<see cref="UserVersionKey"/>) has moved past
/// <see cref="TokenVersion"/>.
/// </summary>
public readonly record struct RedisRevocationCheck(string RevokedIdKey, string UserVersionKey, int TokenVersion);
