using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Pricing;

/// <summary>The indicative monthly cost of one resource, from the price table shipped as data.</summary>
public interface ICostEstimator
{
    /// <summary>Prices a resource whose <paramref name="spec"/> already has every default filled in.</summary>
    CostEstimate Estimate(ResourceType type, string region, ResourceSpec spec);
}
