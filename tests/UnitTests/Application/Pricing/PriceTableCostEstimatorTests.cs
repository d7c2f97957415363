using Orchestrator.Application.Common.Options;
using Orchestrator.Application.Pricing;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Pricing;

namespace Orchestrator.UnitTests.Application.Pricing;

/// <summary>Estimates from the shipped table: hourly x 730, storage per GB-month, each item to the cent.</summary>
public sealed class PriceTableCostEstimatorTests
{
    private static readonly PriceTable Shipped = PriceTableReader.Shipped();
    private readonly PriceTableCostEstimator _estimator = new(Shipped);

    [Fact]
    public void An_instance_is_its_hourly_price_for_730_hours_plus_its_root_volume()
    {
        var estimate = _estimator.Estimate(ResourceType.Ec2, "us-east-1", new ResourceSpec { InstanceType = "t3.micro" });

        estimate.Currency.ShouldBe("USD");
        estimate.PriceTableDate.ShouldBe(Shipped.Date);
        estimate.Items.Select(i => i.Amount).ShouldBe([7.59m, 0.64m]);
        estimate.Amount.ShouldBe(8.23m);
        estimate.Items[0].Description.ShouldContain("t3.micro");
        estimate.Items[0].Description.ShouldContain("730 hours");
        estimate.Items[1].Description.ShouldContain("8 GB gp3 root volume");
    }

    [Fact]
    public void A_database_is_its_engine_and_class_price_plus_its_storage()
    {
        var postgres = _estimator.Estimate(ResourceType.Rds, "us-east-1", new ResourceSpec { Engine = "postgres", InstanceClass = "db.t3.micro", AllocatedStorage = 20 });
        var mysql = _estimator.Estimate(ResourceType.Rds, "us-east-1", new ResourceSpec { Engine = "mysql", InstanceClass = "db.t3.micro", AllocatedStorage = 100 });

        postgres.Items.Select(i => i.Amount).ShouldBe([13.14m, 2.30m]);
        postgres.Amount.ShouldBe(15.44m);
        mysql.Items.Select(i => i.Amount).ShouldBe([12.41m, 11.50m]);
        mysql.Items[0].Description.ShouldContain("mysql");
    }

    [Fact]
    public void An_empty_bucket_costs_nothing_and_the_item_says_so()
    {
        var estimate = _estimator.Estimate(ResourceType.S3, "eu-west-2", new ResourceSpec { Versioning = true });

        estimate.Amount.ShouldBe(0m);
        estimate.Items.ShouldHaveSingleItem().Description.ShouldContain("empty bucket costs nothing");
    }

    [Fact]
    public void Regions_are_priced_by_their_own_prices_and_others_as_the_fallback_region()
    {
        var frankfurt = _estimator.Estimate(ResourceType.Ec2, "eu-central-1", new ResourceSpec { InstanceType = "m5.large" });
        var mumbai = _estimator.Estimate(ResourceType.Ec2, "ap-south-1", new ResourceSpec { InstanceType = "m5.large" });
        var virginia = _estimator.Estimate(ResourceType.Ec2, "us-east-1", new ResourceSpec { InstanceType = "m5.large" });

        frankfurt.Amount.ShouldBeGreaterThan(virginia.Amount);
        mumbai.Amount.ShouldBe(virginia.Amount);
        mumbai.Items[0].Description.ShouldContain("us-east-1 prices; the table has none for ap-south-1");
        frankfurt.Items[0].Description.ShouldContain("(eu-central-1)");
    }

    [Fact]
    public void Every_allowed_instance_type_and_class_has_a_price_in_every_region_of_the_shipped_table()
    {
        var catalog = new CloudCatalogOptions();
        catalog.ApplyDefaults();

        PriceTableCoverage.MissingPrices(Shipped, catalog).ShouldBeEmpty();
        foreach (var region in Shipped.Regions.Keys.Append("sa-east-1"))
        {
            foreach (var type in catalog.AllowedInstanceTypes)
            {
                _estimator.Estimate(ResourceType.Ec2, region, new ResourceSpec { InstanceType = type }).Amount.ShouldBeGreaterThan(0m);
            }

            foreach (var engine in ResourceRules.DatabaseEngines)
            {
                foreach (var instanceClass in catalog.AllowedDbInstanceClasses)
                {
                    _estimator.Estimate(ResourceType.Rds, region, new ResourceSpec { Engine = engine, InstanceClass = instanceClass, AllocatedStorage = 20 })
                        .Amount.ShouldBeGreaterThan(0m);
                }
            }
        }
    }

    [Fact]
    public void The_shipped_table_prices_us_east_1_and_every_allowed_eu_region_and_names_its_sources()
    {
        var catalog = new CloudCatalogOptions();
        catalog.ApplyDefaults();

        Shipped.Regions.Keys.ShouldContain("us-east-1");
        foreach (var eu in catalog.AllowedRegions.Where(r => r.StartsWith("eu-", StringComparison.Ordinal)))
        {
            Shipped.Regions.Keys.ShouldContain(eu);
        }

        Shipped.FallbackRegion.ShouldBe("us-east-1");
        Shipped.Sources.ShouldContain(s => s.StartsWith("https://aws.amazon.com/ec2/pricing", StringComparison.Ordinal));
        Shipped.Sources.ShouldContain(s => s.StartsWith("https://pricing.us-east-1.amazonaws.com/", StringComparison.Ordinal));
    }

    [Fact]
    public void An_allowed_value_without_a_price_is_listed_by_region()
    {
        var catalog = new CloudCatalogOptions { AllowedInstanceTypes = ["t3.micro", "c7g.large"], AllowedDbInstanceClasses = ["db.r6g.large"] };

        var missing = PriceTableCoverage.MissingPrices(Shipped, catalog);

        missing.ShouldContain("us-east-1: ec2 instance type c7g.large");
        missing.ShouldContain("eu-west-1: rds mariadb DB instance class db.r6g.large");
        missing.ShouldNotContain(m => m.Contains("t3.micro"));
    }
}
