namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>An indicative monthly cost, itemised, from the price table shipped as data.</summary>
/// <param name="Currency" example="USD">ISO 4217.</param>
/// <param name="Amount" example="7.59">The sum of the items, per month (730 hours).</param>
/// <param name="Items">What the amount is made of.</param>
/// <param name="PriceTableDate" example="2026-01-01">When the prices were read from their public source.</param>
public sealed record CostEstimateDto(string Currency, decimal Amount, IReadOnlyList<CostItemDto> Items, string PriceTableDate);
