namespace Orchestrator.Application.Pricing;

/// <summary>
/// On-demand list prices as read from AWS's public pages on <see cref="Date"/> (the file names them in
/// <see cref="Sources"/>). Regions the table does not list are priced as <see cref="FallbackRegion"/>.
/// </summary>
public sealed record PriceTable
{
    /// <summary>A month is 730 hours (8,760 hours a year / 12), as AWS's own calculator counts it.</summary>
    public const decimal HoursPerMonth = 730m;

    public required DateOnly Date { get; init; }

    public required string Currency { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>What the prices include and leave out, for the people who read or replace the file.</summary>
    public string? Notes { get; init; }

    public required string FallbackRegion { get; init; }

    public required IReadOnlyDictionary<string, RegionPrices> Regions { get; init; }

    /// <summary>The prices of <paramref name="region"/>, or those of the fallback region when the table has none.</summary>
    public (string PricedAs, RegionPrices Prices) For(string region) =>
        Regions.TryGetValue(region, out var prices) ? (region, prices) : (FallbackRegion, Regions[FallbackRegion]);
}
