namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>One line of a cost estimate.</summary>
/// <param name="Description" example="t3.micro on-demand Linux, eu-west-2, 730 hours">What is priced.</param>
/// <param name="Amount" example="7.59">Per month.</param>
public sealed record CostItemDto(string Description, decimal Amount);
