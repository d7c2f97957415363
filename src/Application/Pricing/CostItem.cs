namespace Orchestrator.Application.Pricing;

/// <summary>One line of a <see cref="CostEstimate"/>: what is priced, at which rate, and its monthly amount.</summary>
public sealed record CostItem(string Description, decimal Amount);
