using System.Text.Json;
using Orchestrator.Application.Pricing;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Pricing;

/// <summary>
/// Reads a price table (the shipped one, or the file <c>Pricing:PriceTableFile</c> names) and refuses one that is
/// malformed, unknown-field, negative-priced or without its fallback region, with a sentence that says what is wrong.
/// </summary>
public static class PriceTableReader
{
    private const string ShippedResourceName = "price-table.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>The table the service ships with, embedded in this assembly.</summary>
    public static PriceTable Shipped()
    {
        using var stream = typeof(PriceTableReader).Assembly.GetManifestResourceStream(ShippedResourceName)
            ?? throw new InvalidOperationException($"The shipped price table ({ShippedResourceName}) is missing from the build.");
        return Read(stream, "the shipped price table");
    }

    public static PriceTable FromFile(string path)
    {
        Stream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"Pricing:PriceTableFile '{path}' cannot be read: {exception.Message}", exception);
        }

        using (stream)
        {
            return Read(stream, $"Pricing:PriceTableFile '{path}'");
        }
    }

    public static PriceTable Read(Stream json, string source)
    {
        PriceTable? table;
        try
        {
            table = JsonSerializer.Deserialize<PriceTable>(json, Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{source} is not a valid price table: {exception.Message}", exception);
        }

        var problems = table is null ? ["it is empty."] : Problems(table);
        return problems.Count == 0
            ? table!
            : throw new InvalidOperationException($"{source} is not a valid price table: {string.Join(" ", problems)}");
    }

    private static List<string> Problems(PriceTable table)
    {
        var problems = new List<string>();
        if (table.Currency != "USD")
        {
            problems.Add("'currency' must be USD (guardrail rules compare estimatedMonthlyCost in USD).");
        }

        if (table.Sources.Count == 0 || table.Sources.Any(s => !Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("'sources' must list the https addresses the prices were read from.");
        }

        if (!table.Regions.ContainsKey(table.FallbackRegion))
        {
            problems.Add($"'fallbackRegion' ({table.FallbackRegion}) must be one of the table's regions.");
        }

        foreach (var (region, prices) in table.Regions)
        {
            if (!ResourceRules.LooksLikeRegionCode(region))
            {
                problems.Add($"'{region}' is not an AWS region code.");
            }

            var all = prices.Ec2InstanceHourly.Values
                .Concat(prices.RdsInstanceHourly.Values.SelectMany(classes => classes.Values))
                .Append(prices.EbsGp3PerGbMonth).Append(prices.RdsStoragePerGbMonth).Append(prices.S3StandardPerGbMonth);
            if (all.Any(price => price < 0))
            {
                problems.Add($"{region}: prices cannot be negative.");
            }
        }

        return problems;
    }
}
