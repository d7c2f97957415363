using Orchestrator.Application.Common.Options;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Pricing;

/// <summary>
/// Lists what a request may name that the price table cannot price: every region of the table must price every
/// allowed instance type, and every allowed DB instance class for every engine, so no estimate (and no cost
/// ceiling rule) ever meets a resource without a figure.
/// </summary>
public static class PriceTableCoverage
{
    public static IReadOnlyList<string> MissingPrices(PriceTable table, CloudCatalogOptions catalog)
    {
        var missing = new List<string>();
        foreach (var (region, prices) in table.Regions.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            missing.AddRange(catalog.AllowedInstanceTypes
                .Where(type => !prices.Ec2InstanceHourly.ContainsKey(type))
                .Select(type => $"{region}: ec2 instance type {type}"));
            foreach (var engine in ResourceRules.DatabaseEngines)
            {
                var classes = prices.RdsInstanceHourly.GetValueOrDefault(engine);
                missing.AddRange(catalog.AllowedDbInstanceClasses
                    .Where(instanceClass => classes is null || !classes.ContainsKey(instanceClass))
                    .Select(instanceClass => $"{region}: rds {engine} DB instance class {instanceClass}"));
            }
        }

        return missing;
    }
}
