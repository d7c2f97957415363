using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3.Model;
using Orchestrator.IntegrationTests.Drift;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Lifecycle;

/// <summary>
/// Forget against moto in its strictest mode, as an IAM user holding exactly <c>docs/aws-iam-policy.json</c>: the
/// instance and the bucket stay in AWS, tagged <c>orchestrator:orphaned=true</c> with their other tags kept, and the
/// service neither deletes them nor lets anyone delete them through it afterwards.
/// </summary>
public sealed class StrictMotoForgetTests : IAsyncLifetime
{
    // No other test uses this region.
    private const string Region = "sa-east-1";

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
    public async Task A_forgotten_instance_and_bucket_stay_in_aws_tagged_orphaned()
    {
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(_service));
        using var admin = await factory.CreateAdminClientAsync();
        var vm = await admin.CreatePendingAsync(new { name = "forgetvm01", type = "ec2", region = Region, tags = new { env = "dev" } });
        var bucket = await admin.CreatePendingAsync(new { name = "forgetbucket01", type = "s3", region = Region, tags = new { env = "dev" } });
        var instanceId = (await admin.WaitForStatusAsync(vm, "active"))["providerId"]!.GetValue<string>();
        var bucketName = (await admin.WaitForStatusAsync(bucket, "active"))["providerId"]!.GetValue<string>();

        foreach (var id in new[] { vm, bucket })
        {
            using var forgotten = await admin.PostAsync($"/api/v1/resources/{id}/forget", null);
            forgotten.StatusCode.ShouldBe(HttpStatusCode.OK, await forgotten.Content.ReadAsStringAsync());
        }

        using var ec2 = StrictMoto.Ec2(Region);
        var instanceTags = await Infrastructure.Eventually.ReturnsAsync(
            async () => (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] })).Reservations.SelectMany(r => r.Instances).Single(),
            instance => instance.Tags.Any(t => t.Key == "orchestrator:orphaned"),
            "the instance tagged orphaned");
        instanceTags.State.Name.ShouldBe(InstanceStateName.Running);
        instanceTags.Tags.Single(t => t.Key == "orchestrator:orphaned").Value.ShouldBe("true");
        instanceTags.Tags.Single(t => t.Key == "env").Value.ShouldBe("dev");

        using var s3 = StrictMoto.S3(Region);
        var bucketTags = await Infrastructure.Eventually.ReturnsAsync(
            async () => (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucketName })).TagSet,
            tags => tags.Any(t => t.Key == "orchestrator:orphaned"),
            "the bucket tagged orphaned");
        bucketTags.Single(t => t.Key == "orchestrator:orphaned").Value.ShouldBe("true");
        bucketTags.Single(t => t.Key == "env").Value.ShouldBe("dev");

        foreach (var id in new[] { vm, bucket })
        {
            (await admin.ResourceAsync(id))["status"]!.GetValue<string>().ShouldBe("forgotten");
            using var delete = await admin.DeleteAsync($"/api/v1/resources/{id}");
            await delete.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        ((await s3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName).ShouldContain(bucketName);
    }
}
