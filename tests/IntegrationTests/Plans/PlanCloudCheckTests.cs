using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Orchestrator.Application.Provisioning;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Plans;

/// <summary>
/// With the Aws provider a plan asks the cloud what a create would meet: the network placement, and for ec2 a
/// <c>DryRun</c> RunInstances with the create's own request, here against moto in its strictest mode (signatures,
/// IAM policies, images and instance types per region checked) as a user holding exactly the shipped policy.
/// </summary>
public sealed class PlanCloudCheckTests : IAsyncLifetime
{
    // No other test uses this region, so any instance in it would be one a plan launched.
    private const string Region = "ca-central-1";

    // A real type that moto (like AWS) does not offer in ca-central-1.
    private const string TypeNotOfferedHere = "m7a.large";

    private MotoNetwork _network = null!;
    private AWSCredentials _service = null!;

    public async Task InitializeAsync()
    {
        _network = await MotoNetwork.CreateAsync(StrictMoto.Url, StrictMoto.Admin, Region);
        using var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin);
        _service = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Document, LeastPrivilegePolicy.EmulatorActionNames);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_ec2_plan_makes_a_dry_run_that_passes_and_launches_nothing()
    {
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(_service));
        using var admin = await factory.CreateAdminClientAsync();

        var plan = await admin.PlanOkAsync(new { name = "dryvm01", type = "ec2", region = Region, tags = new { env = "dev" } });

        PlanClient.Check(plan, CloudCheck.NetworkPlacement).Outcome.ShouldBe("pass");
        var dryRun = PlanClient.Check(plan, CloudCheck.RunInstancesDryRun);
        dryRun.Outcome.ShouldBe("pass", dryRun.Message);
        plan["allowed"]!.GetValue<bool>().ShouldBeTrue();
        await ShouldHaveNoInstancesAsync();
    }

    [Fact]
    public async Task An_instance_type_the_region_does_not_offer_fails_the_dry_run_with_the_failure_codes_sentence()
    {
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(_service))
            .With("Cloud:AllowedInstanceTypes:0", "t3.micro")
            .With("Cloud:AllowedInstanceTypes:1", TypeNotOfferedHere);
        factory.With("Pricing:PriceTableFile", PriceTableWith(factory.DataDirectory, TypeNotOfferedHere));
        using var admin = await factory.CreateAdminClientAsync();

        var plan = await admin.PlanOkAsync(new { name = "dryvm02", type = "ec2", region = Region, spec = new { instanceType = TypeNotOfferedHere } });

        var dryRun = PlanClient.Check(plan, CloudCheck.RunInstancesDryRun);
        dryRun.Outcome.ShouldBe("fail");
        dryRun.Message.ShouldBe(CloudFailureSentences.For(CloudFailureCode.InvalidInstanceType, "RunInstances"));
        plan["allowed"]!.GetValue<bool>().ShouldBeFalse();
        plan.ToJsonString().ShouldNotContain("arn:");
        plan.ToJsonString().ShouldNotContain("123456789012");
        await ShouldHaveNoInstancesAsync();
    }

    [Fact]
    public async Task A_dry_run_the_policy_does_not_allow_fails_with_access_denied_naming_run_instances()
    {
        using var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin);
        var limited = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Without("ec2:RunInstances"), LeastPrivilegePolicy.EmulatorActionNames);
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(limited));
        using var admin = await factory.CreateAdminClientAsync();

        var plan = await admin.PlanOkAsync(new { name = "dryvm03", type = "ec2", region = Region });

        var dryRun = PlanClient.Check(plan, CloudCheck.RunInstancesDryRun);
        dryRun.Outcome.ShouldBe("fail");
        dryRun.Message.ShouldBe(CloudFailureSentences.For(CloudFailureCode.AccessDenied, "RunInstances"));
        plan["allowed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData("ec2")]
    [InlineData("rds")]
    public async Task Without_a_network_placement_the_plan_is_not_allowed_and_says_why_instead_of_a_422(string type)
    {
        using var factory = new OrchestratorApiFactory().With("Cloud:Provider", "Aws").With("Cloud:Aws:ServiceUrl", MotoEndpoint.Url);
        using var admin = await factory.CreateAdminClientAsync();

        var plan = await admin.PlanOkAsync(new { name = "noplace01", type, region = "sa-east-1" });

        plan["allowed"]!.GetValue<bool>().ShouldBeFalse();
        var placement = PlanClient.Check(plan, CloudCheck.NetworkPlacement);
        placement.Outcome.ShouldBe("fail");
        placement.Message.ShouldContain("sa-east-1");
        plan["cloudChecks"]!.AsArray().Count.ShouldBe(1);
        using var listed = await admin.GetAsync("/api/v1/resources");
        (await listed.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    /// <summary>The shipped price table with a price for one more instance type in every region (every allowed type needs one).</summary>
    private static string PriceTableWith(string directory, string instanceType)
    {
        var table = JsonNode.Parse(File.ReadAllText(ShippedPriceTable()))!;
        foreach (var (_, prices) in table["regions"]!.AsObject())
        {
            prices!["ec2InstanceHourly"]![instanceType] = 0.1m;
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "price-table.json");
        File.WriteAllText(path, table.ToJsonString());
        return path;
    }

    private static string ShippedPriceTable()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Infrastructure", "Pricing", "price-table.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/Infrastructure/Pricing/price-table.json was not found above the test binaries.");
    }

    private static async Task ShouldHaveNoInstancesAsync()
    {
        using var ec2 = StrictMoto.Ec2(Region);
        var found = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        (found.Reservations ?? []).SelectMany(r => r.Instances ?? []).ShouldBeEmpty();
    }
}
