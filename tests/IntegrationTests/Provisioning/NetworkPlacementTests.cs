using System.Net;
using Amazon.EC2.Model;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>With the Aws provider, ec2 and rds go only where <c>Cloud:Aws:Network:&lt;region&gt;</c> says, never into a default VPC.</summary>
public sealed class NetworkPlacementTests
{
    private const string Region = "eu-west-3";

    [Theory]
    [InlineData("ec2")]
    [InlineData("rds")]
    public async Task A_create_in_a_region_without_network_placement_is_refused_with_a_422_and_nothing_is_stored(string type)
    {
        using var factory = new OrchestratorApiFactory().With("Cloud:Provider", "Aws").With("Cloud:Aws:ServiceUrl", MotoEndpoint.Url);
        using var admin = await factory.CreateAdminClientAsync();

        using var refused = await admin.CreateResourceAsync(new { name = "noplace01", type, region = Region });

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await refused.ReadJsonAsync();
        problem["type"]!.GetValue<string>().ShouldEndWith("placement-missing");
        problem["detail"]!.GetValue<string>().ShouldContain(Region);
        using var listed = await admin.GetAsync("/api/v1/resources");
        (await listed.ReadJsonAsync())["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_bucket_needs_no_network_placement()
    {
        using var factory = new OrchestratorApiFactory().With("Cloud:Provider", "Aws").With("Cloud:Aws:ServiceUrl", MotoEndpoint.Url);
        using var admin = await factory.CreateAdminClientAsync();

        using var accepted = await admin.CreateResourceAsync(new { name = "noplace02", type = "s3", region = Region });

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_job_that_finds_the_placement_gone_fails_with_placement_missing_and_launches_nothing()
    {
        // Accepted while the region had a network (here: by a host that needs none), worked by a host whose configuration lost it.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        string id;
        using (var first = OrchestratorApiFactory.OnDataDirectory(dataDirectory))
        {
            first.DeletesDataDirectoryOnDispose(false);
            using var client = await first.CreateAdminClientAsync();
            id = await client.CreatePendingAsync(new { name = "noplace03", type = "ec2", region = Region });
        }

        using var factory = OrchestratorApiFactory.OnDataDirectory(dataDirectory).WithMotoCloud();
        using var admin = await factory.CreateAdminClientAsync();
        var failed = await admin.WaitForStatusAsync(id, "failed");

        failed["failureCode"]!.GetValue<string>().ShouldBe("cloud.placement-missing");
        failed["statusReason"]!.GetValue<string>().ShouldContain("RunInstances");
        using var ec2 = MotoEndpoint.Ec2(Region);
        var found = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("tag:orchestrator:resource-id", [id])] });
        (found.Reservations ?? []).SelectMany(r => r.Instances ?? []).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0.0.0.0/0", null)]
    [InlineData(null, "::/0")]
    public async Task A_security_group_open_to_the_internet_fails_the_resource_before_anything_is_launched(string? ipv4, string? ipv6)
    {
        var network = await MotoNetwork.CreateAsync(MotoEndpoint.Url, MotoEndpoint.Credentials, Region);
        using var ec2 = MotoEndpoint.Ec2(Region);
        var rule = new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22 };
        if (ipv4 is not null)
        {
            rule.Ipv4Ranges = [new IpRange { CidrIp = ipv4 }];
        }

        if (ipv6 is not null)
        {
            rule.Ipv6Ranges = [new Ipv6Range { CidrIpv6 = ipv6 }];
        }

        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = network.SecurityGroupId, IpPermissions = [rule] });
        using var factory = network.PlaceIn(new OrchestratorApiFactory().WithMotoCloud());
        using var admin = await factory.CreateAdminClientAsync();

        var id = await admin.CreatePendingAsync(new { name = "openvm01", type = "ec2", region = Region });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        failed["failureCode"]!.GetValue<string>().ShouldBe("cloud.invalid-request");
        failed["statusReason"]!.GetValue<string>().ShouldContain("whole internet");
        var found = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("tag:orchestrator:resource-id", [id])] });
        (found.Reservations ?? []).SelectMany(r => r.Instances ?? []).ShouldBeEmpty();
    }
}
