using System.Net;
using Orchestrator.Application.Common.Options;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Resources;

/// <summary><c>GET /api/v1/regions</c>: the regions a resource may be created in, for any signed-in user.</summary>
public sealed class RegionTests(OrchestratorApiFactory factory) : IClassFixture<OrchestratorApiFactory>
{
    [Fact]
    public async Task Any_signed_in_user_reads_the_allowed_regions()
    {
        var (viewer, _) = await factory.CreateUserClientAsync("viewer");
        using var _v = viewer;

        using var response = await viewer.GetAsync("/api/v1/regions");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var items = (await response.ReadJsonAsync())["items"]!.AsArray().Select(i => i!.GetValue<string>());
        items.ShouldBe(CloudCatalogOptions.DefaultRegions);
    }

    [Fact]
    public async Task Configured_regions_are_the_ones_listed_and_a_token_is_required()
    {
        using var configured = new OrchestratorApiFactory()
            .With("Cloud:AllowedRegions:0", "eu-west-2")
            .With("Cloud:AllowedRegions:1", "us-east-1");
        using var admin = await configured.CreateAdminClientAsync();
        using var anonymous = configured.CreateClient();

        using var listed = await admin.GetAsync("/api/v1/regions");
        using var refused = await anonymous.GetAsync("/api/v1/regions");

        (await listed.ReadJsonAsync())["items"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["eu-west-2", "us-east-1"]);
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
