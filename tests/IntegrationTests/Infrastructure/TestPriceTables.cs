using System.Text.Json.Nodes;
using Orchestrator.Infrastructure.Pricing;

namespace Orchestrator.IntegrationTests.Infrastructure;

/// <summary>Price table files for hosts that allow values the shipped table does not price (every allowed value needs a price to start).</summary>
public static class TestPriceTables
{
    /// <summary>The shipped table plus a nominal price for <paramref name="instanceType"/> in every region; written to a temporary file.</summary>
    public static string WithInstanceType(string instanceType)
    {
        using var stream = typeof(PriceTableReader).Assembly.GetManifestResourceStream("price-table.json")!;
        var table = JsonNode.Parse(stream)!.AsObject();
        foreach (var (_, region) in table["regions"]!.AsObject())
        {
            region!["ec2InstanceHourly"]![instanceType] = 1.0m;
        }

        var path = Path.Combine(Path.GetTempPath(), $"orchestrator-prices-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, table.ToJsonString());
        return path;
    }
}
