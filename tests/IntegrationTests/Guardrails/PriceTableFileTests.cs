using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Infrastructure.Pricing;
using Orchestrator.IntegrationTests.Infrastructure;
using static Orchestrator.IntegrationTests.Guardrails.GuardrailDocuments;

namespace Orchestrator.IntegrationTests.Guardrails;

/// <summary><c>Pricing:PriceTableFile</c> replaces the shipped table; a table that cannot be used stops the start.</summary>
public sealed class PriceTableFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-prices-").FullName;

    [Fact]
    public async Task No_single_resource_above_300_dollars_a_month_with_a_replaced_table()
    {
        // The shipped table with every price tripled: t3.large 0.2496 $/h (182.21 + 1.92 a month), m5.xlarge 0.576 $/h (420.48 + 1.92).
        var table = ShippedTable();
        foreach (var region in table["regions"]!.AsObject())
        {
            Multiply(region.Value!.AsObject(), 3m);
        }

        using var factory = new OrchestratorApiFactory().With("Pricing:PriceTableFile", Write("tripled.json", table.ToJsonString()));
        using var admin = await factory.CreateAdminClientAsync();
        await PutRulesAsync(admin, CostCeiling(300));

        using var expensive = await admin.CreateResourceAsync(new { name = "over300", type = "ec2", region = "us-east-1", spec = new { instanceType = "m5.xlarge" } });
        (await ShouldBeViolationAsync(expensive)).ShouldBe(["cost-ceiling"]);
        using var affordable = await admin.CreateResourceAsync(new { name = "under300", type = "ec2", region = "us-east-1", spec = new { instanceType = "t3.large" } });
        affordable.StatusCode.ShouldBe(HttpStatusCode.Accepted, await affordable.Content.ReadAsStringAsync());

        // A region the table does not list is priced as its fallback region (us-east-1).
        using var fallback = await admin.CreateResourceAsync(new { name = "over300b", type = "ec2", region = "ap-south-1", spec = new { instanceType = "m5.xlarge" } });
        (await ShouldBeViolationAsync(fallback)).ShouldBe(["cost-ceiling"]);
    }

    [Fact]
    public void A_missing_file_stops_the_start_naming_the_setting()
    {
        using var factory = new OrchestratorApiFactory().With("Pricing:PriceTableFile", Path.Combine(_directory, "absent.json"));
        StartUpFailure(factory).ShouldContain("Pricing:PriceTableFile");
    }

    [Fact]
    public void A_malformed_file_stops_the_start_saying_what_is_wrong()
    {
        using var factory = new OrchestratorApiFactory().With("Pricing:PriceTableFile", Write("broken.json", """{"date":"2026-12-04","currency":"USD"""));
        StartUpFailure(factory).ShouldContain("is not a valid price table");
    }

    [Fact]
    public void A_table_without_a_price_for_an_allowed_instance_type_stops_the_start()
    {
        using var factory = new OrchestratorApiFactory()
            .With("Cloud:AllowedInstanceTypes:0", "t3.micro")
            .With("Cloud:AllowedInstanceTypes:1", "c7g.large");
        var message = StartUpFailure(factory);
        message.ShouldContain("no price");
        message.ShouldContain("c7g.large");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonObject ShippedTable()
    {
        using var stream = typeof(PriceTableReader).Assembly.GetManifestResourceStream("price-table.json")!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static void Multiply(JsonObject prices, decimal factor)
    {
        foreach (var (key, value) in prices.ToList())
        {
            if (value is JsonObject nested)
            {
                Multiply(nested, factor);
            }
            else
            {
                prices[key] = value!.GetValue<decimal>() * factor;
            }
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string StartUpFailure(OrchestratorApiFactory factory)
    {
        var exception = Should.Throw<Exception>(() => factory.CreateClient().Dispose());
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
