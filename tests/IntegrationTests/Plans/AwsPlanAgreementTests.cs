using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Plans;

/// <summary>
/// With the Aws provider against strict moto, as a user holding exactly the shipped policy: what a plan shows is
/// what the create then makes, posture expectations included (the providers read back against the same values).
/// </summary>
public sealed class AwsPlanAgreementTests : IAsyncLifetime
{
    private const string Region = "eu-north-1";

    private MotoNetwork _network = null!;
    private AWSCredentials _service = null!;

    public async Task InitializeAsync()
    {
        _network = await MotoNetwork.CreateAsync(StrictMoto.Url, StrictMoto.Admin, Region);
        using var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin);
        _service = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Document, LeastPrivilegePolicy.EmulatorActionNames);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("ec2")]
    [InlineData("s3")]
    [InlineData("rds")]
    public async Task Plan_and_create_agree_on_the_final_resource(string type)
    {
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(_service));
        using var admin = await factory.CreateAdminClientAsync();
        var body = new JsonObject { ["name"] = $"agree{type}01", ["type"] = type, ["region"] = Region, ["tags"] = new JsonObject { ["env"] = "dev" } };

        var plan = await admin.PlanOkAsync(body);
        plan["allowed"]!.GetValue<bool>().ShouldBeTrue(plan.ToJsonString());
        using var created = await admin.CreateResourceAsync(body);
        created.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await created.ReadJsonAsync();
        var active = (await admin.WaitForStatusAsync(accepted["id"]!.GetValue<string>(), "active")).AsObject();

        PlanAgreement.ShouldAgree(plan["resource"]!.AsObject(), accepted.AsObject(), active);

        // Read back from the cloud, every enforced setting is as the plan said it would be.
        active["posture"]!.AsArray().ShouldAllBe(p => p!["actual"]!.GetValue<string>() == p["expected"]!.GetValue<string>());
    }
}
