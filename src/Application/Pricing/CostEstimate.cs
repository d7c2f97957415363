namespace Orchestrator.Application.Pricing;

/// <summary>An itemised monthly figure (<see cref="PriceTable.HoursPerMonth"/> hours of each hourly price), indicative only.</summary>
public sealed record CostEstimate(string Currency, decimal Amount, IReadOnlyList<CostItem> Items, DateOnly PriceTableDate);
