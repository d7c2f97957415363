using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>A per-key GCRA decision for <see cref="RedisCheckBatcher"/>: the whole Redis key of the TAT, and the policy.</summary>
public readonly record struct RedisRateCheck(string Key, RatePolicy Policy);
