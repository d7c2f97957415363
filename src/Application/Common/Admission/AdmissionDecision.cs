using Orchestrator.Application.Common.Limits;

namespace Orchestrator.Application.Common.Admission;

/// <summary>The rate limit's decision on a request, and the bearer token's revocation answer when one was prefetched.</summary>
public readonly record struct AdmissionDecision(RateDecision Rate, PrefetchedRevocation? Revocation);
