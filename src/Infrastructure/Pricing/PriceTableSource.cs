using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Pricing;

namespace Orchestrator.Infrastructure.Pricing;

/// <summary>Loads the configured (or shipped) table and refuses one that cannot price every value a request may name.</summary>
public static class PriceTableSource
{
    public static PriceTable Load(PricingOptions pricing, CloudCatalogOptions catalog)
    {
        var table = string.IsNullOrWhiteSpace(pricing.PriceTableFile)
            ? PriceTableReader.Shipped()
            : PriceTableReader.FromFile(pricing.PriceTableFile);
        var missing = PriceTableCoverage.MissingPrices(table, catalog);
        return missing.Count == 0
            ? table
            : throw new InvalidOperationException(
                $"The price table has no price for values requests may name (Cloud:AllowedInstanceTypes, Cloud:AllowedDbInstanceClasses): {string.Join("; ", missing.Take(20))}.");
    }
}
