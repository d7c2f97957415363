using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Provisioning;
using Orchestrator.Infrastructure.Cloud.Aws;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// <c>Cloud:Provider = Aws</c> against moto_server: the real SDK clients (EC2, S3) and the RDS Query
/// client through the whole API flow, with the cloud side checked by separate clients.
/// </summary>
public sealed class AwsProvisioningTests : IAsyncLifetime
{
    private const string Region = "eu-west-2";

    private OrchestratorApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        var network = await MotoNetwork.CreateAsync(MotoEndpoint.Url, MotoEndpoint.Credentials, Region);
        _factory = network.PlaceIn(new OrchestratorApiFactory().WithMotoCloud());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_ec2_instance_is_run_tagged_retagged_and_terminated()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "awsvm01", type = "ec2", region = Region, tags = new { env = "dev", team = "a" } });

        var active = await admin.WaitForStatusAsync(id, "active");
        var instanceId = active["providerId"]!.GetValue<string>();
        instanceId.ShouldStartWith("i-");
        using var ec2 = MotoEndpoint.Ec2(Region);
        var instance = await DescribeAsync(ec2, instanceId);
        var outputs = active["outputs"]!;
        outputs["instanceId"]!.GetValue<string>().ShouldBe(instanceId);
        outputs["privateIpAddress"]!.GetValue<string>().ShouldBe(instance.PrivateIpAddress);
        outputs["subnetId"]!.GetValue<string>().ShouldBe(instance.SubnetId);
        instance.State.Name.Value.ShouldBe(InstanceStateName.Running.Value);
        // No image requested: the region's latest Amazon Linux 2023, from the SSM public parameter.
        using var ssm = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(
            MotoEndpoint.Credentials, new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig { ServiceURL = MotoEndpoint.Url, AuthenticationRegion = Region });
        var latest = await ssm.GetParameterAsync(new Amazon.SimpleSystemsManagement.Model.GetParameterRequest { Name = AwsImageOptions.LatestAmazonLinux2023 });
        instance.ImageId.ShouldBe(latest.Parameter.Value);
        var tags = instance.Tags.ToDictionary(t => t.Key, t => t.Value);
        tags["orchestrator:resource-id"].ShouldBe(id);
        tags["orchestrator:owner-id"].ShouldBe(active["ownerId"]!.GetValue<string>());
        tags["env"].ShouldBe("dev");

        await PatchTagsAsync(admin, id, """{"env":"prod"}""");
        // The adapter adds and changes tags, then removes the dropped ones: two calls, so wait for both.
        await Eventually.HoldsAsync(
            async () =>
            {
                var current = (await DescribeAsync(ec2, instanceId)).Tags;
                return current.Any(t => t.Key == "env" && t.Value == "prod") && current.All(t => t.Key != "team");
            },
            "the new tag value on the instance and the dropped tag gone");
        var retagged = (await DescribeAsync(ec2, instanceId)).Tags.Select(t => t.Key).ToList();
        retagged.ShouldNotContain("team");
        retagged.ShouldContain("orchestrator:resource-id");

        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
        (await DescribeAsync(ec2, instanceId)).State.Name.Value.ShouldBe(InstanceStateName.Terminated.Value);
    }

    [Fact]
    public async Task An_s3_bucket_is_created_tagged_retagged_and_deleted()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "awsbucket01", type = "s3", region = Region, tags = new { env = "dev", team = "a" } });

        var active = await admin.WaitForStatusAsync(id, "active");
        var bucket = active["providerId"]!.GetValue<string>();
        active["outputs"]!["bucket"]!.GetValue<string>().ShouldBe(bucket);
        active["outputs"]!["arn"]!.GetValue<string>().ShouldBe($"arn:aws:s3:::{bucket}");
        active["outputs"]!["regionalDomainName"]!.GetValue<string>().ShouldBe($"{bucket}.s3.{Region}.amazonaws.com");
        bucket.ShouldBe($"orch-{Guid.Parse(id):N}");
        using var s3 = MotoEndpoint.S3(Region);
        var tags = await BucketTagsAsync(s3, bucket);
        tags["orchestrator:resource-id"].ShouldBe(id);
        tags["orchestrator:owner-id"].ShouldBe(active["ownerId"]!.GetValue<string>());
        tags["env"].ShouldBe("dev");

        await PatchTagsAsync(admin, id, """{"env":"prod"}""");
        await Eventually.HoldsAsync(async () => (await BucketTagsAsync(s3, bucket)).GetValueOrDefault("env") == "prod", "the new tag on the bucket");
        (await BucketTagsAsync(s3, bucket)).ContainsKey("team").ShouldBeFalse();

        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
        var buckets = await s3.ListBucketsAsync();
        (buckets.Buckets ?? []).Select(b => b.BucketName).ShouldNotContain(bucket);
    }

    [Fact]
    public async Task An_rds_instance_is_created_tagged_and_deleted_with_a_final_snapshot()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new
        {
            name = "awsdb01",
            type = "rds",
            region = Region,
            tags = new { env = "dev", team = "a" },
            spec = new { engine = "postgres", instanceClass = "db.t3.micro", allocatedStorage = 20 },
        });

        var active = await admin.WaitForStatusAsync(id, "active");
        var identifier = active["providerId"]!.GetValue<string>();
        active["outputs"]!["endpoint"]!.GetValue<string>().ShouldContain(identifier);
        active["outputs"]!["port"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        identifier.ShouldBe($"orch-{Guid.Parse(id):N}");
        var rds = _factory.Services.GetRequiredService<RdsQueryClient>();
        var described = await rds.CallAsync(Region, "DescribeDBInstances", [new("DBInstanceIdentifier", identifier)], CancellationToken.None);
        RdsQueryClient.Child(described, "DBInstanceStatus").ShouldBe("available");
        RdsQueryClient.Child(described, "Engine").ShouldBe("postgres");
        var arn = RdsQueryClient.Child(described, "DBInstanceArn")!;
        var tags = await RdsTagsAsync(rds, arn);
        tags["orchestrator:resource-id"].ShouldBe(id);
        tags["orchestrator:owner-id"].ShouldBe(active["ownerId"]!.GetValue<string>());
        tags["env"].ShouldBe("dev");

        // The master password was generated and is kept by RDS in Secrets Manager; the service never had it.
        var secretArn = RdsQueryClient.Child(described.Descendants().First(e => e.Name.LocalName == "MasterUserSecret"), "SecretArn");
        secretArn.ShouldNotBeNullOrEmpty();

        await PatchTagsAsync(admin, id, """{"env":"prod"}""");
        // Added and changed tags first, then the dropped ones removed: two calls, so wait for both.
        await Eventually.HoldsAsync(
            async () =>
            {
                var current = await RdsTagsAsync(rds, arn);
                return current.GetValueOrDefault("env") == "prod" && !current.ContainsKey("team");
            },
            "the new tag on the DB instance and the dropped tag gone");
        (await RdsTagsAsync(rds, arn)).ContainsKey("orchestrator:resource-id").ShouldBeTrue();

        // Protection is on by default; the owner lifts it (in AWS too, by the protection job), then deletes.
        using (var lifted = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", """{"deletionProtection":false}"""))
        {
            lifted.StatusCode.ShouldBe(HttpStatusCode.OK, await lifted.Content.ReadAsStringAsync());
        }

        await Eventually.HoldsAsync(
            async () => RdsQueryClient.Child(
                (await rds.CallAsync(Region, "DescribeDBInstances", [new("DBInstanceIdentifier", identifier)], CancellationToken.None))
                    .Descendants().First(e => e.Name.LocalName == "DBInstance"),
                "DeletionProtection") == "false",
            "deletion protection lifted in AWS");

        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
        var gone = await Should.ThrowAsync<RdsErrorException>(
            () => rds.CallAsync(Region, "DescribeDBInstances", [new("DBInstanceIdentifier", identifier)], CancellationToken.None));
        gone.Code.ShouldBe("DBInstanceNotFound");
        var snapshots = await rds.CallAsync(Region, "DescribeDBSnapshots", [new("DBSnapshotIdentifier", $"{identifier}-final")], CancellationToken.None);
        RdsQueryClient.Child(snapshots, "DBInstanceIdentifier").ShouldBe(identifier);
    }

    [Fact]
    public async Task A_retried_create_after_the_resource_exists_creates_nothing_twice()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ec2"] = await admin.CreatePendingAsync(new { name = "retryvm01", type = "ec2", region = Region }),
            ["s3"] = await admin.CreatePendingAsync(new { name = "retrybucket01", type = "s3", region = Region }),
            ["rds"] = await admin.CreatePendingAsync(new { name = "retrydb01", type = "rds", region = Region }),
        };
        var providers = _factory.Services.GetServices<ICloudProvider>().ToList();
        using var ec2 = MotoEndpoint.Ec2(Region);
        using var s3 = MotoEndpoint.S3(Region);
        var rds = _factory.Services.GetRequiredService<RdsQueryClient>();

        foreach (var (type, id) in ids)
        {
            var active = await admin.WaitForStatusAsync(id, "active");

            // What a job repeats after a crash between the cloud's answer and the save: the same create, with no provider id known.
            using var scope = _factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Orchestrator.Application.Common.Interfaces.IApplicationDbContext>();
            var resource = db.Resources.Single(r => r.Id == Guid.Parse(id));
            var provider = providers.Single(p => p.Type == resource.Type);
            var repeated = await provider.CreateAsync(CloudResource.From(resource, null) with { ProviderId = null }, CancellationToken.None);
            repeated.ProviderId.ShouldBe(active["providerId"]!.GetValue<string>(), type);
        }

        var instances = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            Filters = [new Amazon.EC2.Model.Filter("tag:orchestrator:resource-id", [ids["ec2"]])],
        });
        instances.Reservations.SelectMany(r => r.Instances).Count().ShouldBe(1);
        var buckets = (await s3.ListBucketsAsync()).Buckets ?? [];
        buckets.Count(b => b.BucketName == $"orch-{Guid.Parse(ids["s3"]):N}").ShouldBe(1);
        var databases = await rds.CallAsync(Region, "DescribeDBInstances", [], CancellationToken.None);
        databases.Descendants().Count(e => e.Name.LocalName == "DBInstanceIdentifier" && e.Value == $"orch-{Guid.Parse(ids["rds"]):N}").ShouldBe(1);
    }

    [Fact]
    public async Task Deleting_a_bucket_that_holds_objects_fails_with_a_clear_reason()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "fullbucket01", type = "s3", region = Region });
        var bucket = (await admin.WaitForStatusAsync(id, "active"))["providerId"]!.GetValue<string>();
        using var s3 = MotoEndpoint.S3(Region);
        // moto evaluates the TLS-only policy's condition as always true and would refuse the upload, which AWS accepts over TLS.
        await s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "report.csv", ContentBody = "a,b" });

        await admin.RequestDeletionAsync(id);
        var failed = await admin.WaitForStatusAsync(id, "failed");
        failed["failureCode"]!.GetValue<string>().ShouldBe("cloud.bucket-not-empty");
        failed["statusReason"]!.GetValue<string>().ShouldContain("DeleteBucket");
        CloudFailureAssertions.ShouldNotLeak(failed["statusReason"]!.GetValue<string>());
        (await s3.ListBucketsAsync()).Buckets!.Select(b => b.BucketName).ShouldContain(bucket);
    }

    private static async Task PatchTagsAsync(HttpClient client, string id, string tags)
    {
        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", $$"""{"tags":{{tags}}}""");
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
    }

    private static async Task<Instance> DescribeAsync(IAmazonEC2 ec2, string instanceId)
    {
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] });
        return response.Reservations.SelectMany(r => r.Instances).Single();
    }

    private static async Task<Dictionary<string, string>> BucketTagsAsync(IAmazonS3 s3, string bucket)
    {
        var response = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
        return (response.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value);
    }

    private static async Task<Dictionary<string, string>> RdsTagsAsync(RdsQueryClient rds, string arn)
    {
        var listed = await rds.CallAsync(Region, "ListTagsForResource", [new("ResourceName", arn)], CancellationToken.None);
        return listed.Descendants().Where(e => e.Name.LocalName == "Tag")
            .ToDictionary(tag => RdsQueryClient.Child(tag, "Key")!, tag => RdsQueryClient.Child(tag, "Value") ?? string.Empty);
    }
}
