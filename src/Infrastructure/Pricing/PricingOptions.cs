namespace Orchestrator.Infrastructure.Pricing;

/// <summary>Configuration section <c>Pricing</c>.</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>A price table file in the shipped table's format; unset: the table shipped inside the service.</summary>
    public string? PriceTableFile { get; set; }
}
