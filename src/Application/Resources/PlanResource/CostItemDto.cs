namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>One line of a cost estimate.</summary>
/// <param name="Description" example="t3.micro instance, Linux on-demand (eu-west-2): $0.0118 per hour x 730 hours">What is priced.</param>
/// <param name="Amount" example="8.61">Per month.</param>
public sealed record CostItemDto(string Description, decimal Amount);
