using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Infrastructure.Limits;

/// <summary>
/// The answers to one request's checks: the rate decision and whether the token is revoked, each null when not
/// asked; both null and <see cref="Failure"/> set when the call failed (Redis's error, or a reply that could not be read).
/// </summary>
public readonly record struct RedisCheckAnswers(RateDecision? Rate, bool? Revoked, Exception? Failure);
