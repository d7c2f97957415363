using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Application.Common.Options;
using Orchestrator.Infrastructure.Pricing;

namespace Orchestrator.UnitTests.Application.Pricing;

/// <summary>A price table that cannot be used is refused with a sentence that says why.</summary>
public sealed class PriceTableReaderTests
{
    [Fact]
    public void The_shipped_table_reads_with_its_date_currency_and_sources()
    {
        var table = PriceTableReader.Shipped();

        table.Currency.ShouldBe("USD");
        table.Date.Year.ShouldBeGreaterThanOrEqualTo(2026);
        table.Sources.ShouldNotBeEmpty();
        table.Notes!.ShouldContain("730 hours");
    }

    [Theory]
    [InlineData("not json", "is not a valid price table")]
    [InlineData("""{"currency":"USD"}""", "is not a valid price table")]
    public void Malformed_text_is_refused(string text, string expected) =>
        Should.Throw<InvalidOperationException>(() => Read(text)).Message.ShouldContain(expected);

    [Fact]
    public void An_unknown_field_is_refused_rather_than_ignored()
    {
        var table = Shipped();
        table["regions"]!["us-east-1"]!["ec2HourlyPrices"] = new JsonObject();

        Should.Throw<InvalidOperationException>(() => Read(table.ToJsonString())).Message.ShouldContain("ec2HourlyPrices");
    }

    [Fact]
    public void A_fallback_region_the_table_does_not_list_is_refused()
    {
        var table = Shipped();
        table["fallbackRegion"] = "ap-east-1";

        Should.Throw<InvalidOperationException>(() => Read(table.ToJsonString())).Message.ShouldContain("'fallbackRegion' (ap-east-1)");
    }

    [Fact]
    public void Negative_prices_another_currency_and_missing_sources_are_refused()
    {
        var table = Shipped();
        table["regions"]!["eu-west-1"]!["ec2InstanceHourly"]!["t3.micro"] = -1;
        table["currency"] = "EUR";
        table["sources"] = new JsonArray("http://example.com/prices");

        var message = Should.Throw<InvalidOperationException>(() => Read(table.ToJsonString())).Message;
        message.ShouldContain("eu-west-1: prices cannot be negative");
        message.ShouldContain("'currency' must be USD");
        message.ShouldContain("'sources'");
    }

    [Fact]
    public void A_file_that_cannot_be_read_names_the_setting()
    {
        var message = Should.Throw<InvalidOperationException>(() => PriceTableReader.FromFile("/nonexistent/prices.json")).Message;
        message.ShouldContain("Pricing:PriceTableFile '/nonexistent/prices.json' cannot be read");
    }

    [Fact]
    public void A_table_that_cannot_price_an_allowed_value_is_refused_at_load()
    {
        var catalog = new CloudCatalogOptions { AllowedInstanceTypes = ["x9.huge"], AllowedDbInstanceClasses = ["db.t3.micro"] };

        var message = Should.Throw<InvalidOperationException>(() => PriceTableSource.Load(new PricingOptions(), catalog)).Message;
        message.ShouldContain("no price");
        message.ShouldContain("x9.huge");
    }

    private static JsonObject Shipped()
    {
        using var stream = typeof(PriceTableReader).Assembly.GetManifestResourceStream("price-table.json")!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static Orchestrator.Application.Pricing.PriceTable Read(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return PriceTableReader.Read(stream, "the test table");
    }
}
