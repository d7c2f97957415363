using System.Globalization;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Pricing;

/// <summary>
/// Prices a resource from the <see cref="PriceTable"/>: hourly prices times <see cref="PriceTable.HoursPerMonth"/>,
/// storage per GB-month; each item rounded to the cent, the total their sum. Every allowed instance type and
/// class has a price (checked at start by <see cref="PriceTableCoverage"/>).
/// </summary>
internal sealed class PriceTableCostEstimator(PriceTable table) : ICostEstimator
{
    /// <summary>Amazon Linux 2023's root volume; the Aws provider keeps the image's own size.</summary>
    internal const int RootVolumeGb = 8;

    public CostEstimate Estimate(ResourceType type, string region, ResourceSpec spec)
    {
        var (pricedAs, prices) = table.For(region);
        var where = pricedAs == region ? region : $"{pricedAs} prices; the table has none for {region}";
        IReadOnlyList<CostItem> items = type switch
        {
            ResourceType.Ec2 => Ec2(spec, prices, where),
            ResourceType.Rds => Rds(spec, prices, where),
            ResourceType.S3 => S3(prices, where),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
        return new CostEstimate(table.Currency, items.Sum(item => item.Amount), items, table.Date);
    }

    private static CostItem[] Ec2(ResourceSpec spec, RegionPrices prices, string where)
    {
        var instanceType = spec.InstanceType!;
        var hourly = Lookup(prices.Ec2InstanceHourly, instanceType, "ec2 instance type");
        return
        [
            Hourly($"{instanceType} instance, Linux on-demand ({where})", hourly),
            Storage($"{RootVolumeGb} GB gp3 root volume ({where})", RootVolumeGb, prices.EbsGp3PerGbMonth),
        ];
    }

    private static CostItem[] Rds(ResourceSpec spec, RegionPrices prices, string where)
    {
        var engine = spec.Engine!;
        var instanceClass = spec.InstanceClass!;
        var classes = Lookup(prices.RdsInstanceHourly, engine, "rds engine");
        var hourly = Lookup(classes, instanceClass, $"{engine} DB instance class");
        var storage = spec.AllocatedStorage ?? 0;
        return
        [
            Hourly($"{instanceClass} {engine} instance, single-AZ on-demand ({where})", hourly),
            Storage($"{storage} GB General Purpose database storage ({where})", storage, prices.RdsStoragePerGbMonth),
        ];
    }

    private static CostItem[] S3(RegionPrices prices, string where) =>
    [
        new(
            $"S3 bucket: an empty bucket costs nothing; storage is billed as used at {Rate(prices.S3StandardPerGbMonth)} per GB-month, requests and transfer extra ({where})",
            0m),
    ];

    private static CostItem Hourly(string what, decimal hourly) =>
        new($"{what}: {Rate(hourly)} per hour x {PriceTable.HoursPerMonth:0} hours", Cents(hourly * PriceTable.HoursPerMonth));

    private static CostItem Storage(string what, int gigabytes, decimal perGbMonth) =>
        new($"{what}: {Rate(perGbMonth)} per GB-month", Cents(gigabytes * perGbMonth));

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static string Rate(decimal price) => "$" + price.ToString("0.00##", CultureInfo.InvariantCulture);

    private static TValue Lookup<TValue>(IReadOnlyDictionary<string, TValue> prices, string key, string what) =>
        prices.TryGetValue(key, out var price)
            ? price
            : throw new InvalidOperationException($"The price table has no price for {what} '{key}'.");
}
