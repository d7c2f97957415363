using Orchestrator.Application.Pricing;

namespace Orchestrator.Application.Resources.PlanResource;

/// <summary>An indicative monthly cost, itemised, from the price table shipped as data (<c>Pricing:PriceTableFile</c>).</summary>
/// <param name="Currency" example="USD">ISO 4217.</param>
/// <param name="Amount" example="9.35">The sum of the items, per month (730 hours).</param>
/// <param name="Items">What the amount is made of.</param>
/// <param name="PriceTableDate" example="2026-12-04">When the prices were read from their public source.</param>
public sealed record CostEstimateDto(string Currency, decimal Amount, IReadOnlyList<CostItemDto> Items, DateOnly PriceTableDate)
{
    public static CostEstimateDto From(CostEstimate estimate) => new(
        estimate.Currency,
        estimate.Amount,
        [.. estimate.Items.Select(item => new CostItemDto(item.Description, item.Amount))],
        estimate.PriceTableDate);
}
