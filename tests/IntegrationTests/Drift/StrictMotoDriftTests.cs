using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3.Model;
using Orchestrator.Infrastructure.Cloud.Aws;
using Orchestrator.IntegrationTests.Infrastructure;
using Orchestrator.IntegrationTests.Provisioning;

namespace Orchestrator.IntegrationTests.Drift;

/// <summary>
/// Drift against moto in its strictest mode, as an IAM user holding exactly <c>docs/aws-iam-policy.json</c>: an
/// administrator changes a tag and a security setting of an instance and a bucket with the AWS SDK and deletes a DB
/// instance. A host in <c>detect</c> mode reports each; the same database under a host in <c>reconcile</c> mode puts the
/// tags and settings back in AWS and leaves the deleted one marked, not recreated.
/// </summary>
public sealed class StrictMotoDriftTests : IAsyncLifetime
{
    // No other test uses this region: the plan tests count the instances in theirs.
    private const string Region = "us-west-1";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
    private MotoNetwork _network = null!;
    private AWSCredentials _service = null!;

    public async Task InitializeAsync()
    {
        _network = await MotoNetwork.CreateAsync(StrictMoto.Url, StrictMoto.Admin, Region);
        using var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin);
        _service = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Document, LeastPrivilegePolicy.EmulatorActionNames);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Changes_made_in_aws_are_reported_then_repaired_and_a_deleted_database_is_only_marked()
    {
        string vm, bucket, database, instanceId, bucketName, identifier;
        using (var detecting = Host("detect"))
        {
            detecting.DeletesDataDirectoryOnDispose(false);
            using var admin = await detecting.CreateAdminClientAsync();
            vm = await admin.CreatePendingAsync(new { name = "driftvm01", type = "ec2", region = Region, tags = new { env = "dev" } });
            bucket = await admin.CreatePendingAsync(new { name = "driftbucket01", type = "s3", region = Region, tags = new { env = "dev" } });
            database = await admin.CreatePendingAsync(new { name = "driftdb01", type = "rds", region = Region, tags = new { env = "dev" } });
            instanceId = (await admin.WaitForStatusAsync(vm, "active"))["providerId"]!.GetValue<string>();
            bucketName = (await admin.WaitForStatusAsync(bucket, "active"))["providerId"]!.GetValue<string>();
            identifier = (await admin.WaitForStatusAsync(database, "active"))["providerId"]!.GetValue<string>();
            await Provisioning.Eventually.HoldsAsync(async () => await admin.DriftStateAsync(vm) == "in-sync" && await admin.DriftStateAsync(bucket) == "in-sync", "the first checks in sync");

            await ChangeBehindTheServiceAsync(instanceId, bucketName, identifier);

            // Each check is a few strict-moto calls, slow when the machine is busy: the patience is the pass's, not the interval's.
            await Infrastructure.Eventually.ReturnsAsync(
                async () => string.Join(' ', [await admin.DriftStateAsync(vm), await admin.DriftStateAsync(bucket), await admin.DriftStateAsync(database)]),
                states => states == "drifted drifted drifted",
                "each change reported (instance, bucket, database)",
                TimeSpan.FromMinutes(3));
            DriftApi.Differences(await admin.ResourceAsync(vm)).ShouldBe(["tags.env:dev:prod", "posture.imdsV2Required:true:false"], ignoreOrder: true);
            DriftApi.Differences(await admin.ResourceAsync(bucket)).ShouldBe(["tags.env:dev:prod", "posture.blockPublicAccess:true:false"], ignoreOrder: true);
            DriftApi.Differences(await admin.ResourceAsync(database)).ShouldBe(["exists:true:false"]);
            foreach (var id in new[] { vm, bucket, database })
            {
                (await admin.AuditAsync(id, "resource.drifted")).ShouldHaveSingleItem();
            }

            // Detect mode changes nothing in AWS.
            using var ec2 = StrictMoto.Ec2(Region);
            (await InstanceAsync(ec2, instanceId)).MetadataOptions.HttpTokens.ShouldBe(HttpTokensState.Optional);
        }

        using var reconciling = Host("reconcile", OrchestratorApiFactory.OnDataDirectory(_dataDirectory));
        reconciling.DeletesDataDirectoryOnDispose(false);
        using var client = await reconciling.CreateAdminClientAsync();
        await Provisioning.Eventually.HoldsAsync(
            async () => await client.DriftStateAsync(vm) == "in-sync" && await client.DriftStateAsync(bucket) == "in-sync",
            "the instance and the bucket repaired");

        using (var ec2 = StrictMoto.Ec2(Region))
        {
            var instance = await InstanceAsync(ec2, instanceId);
            instance.MetadataOptions.HttpTokens.ShouldBe(HttpTokensState.Required);
            instance.Tags.Single(t => t.Key == "env").Value.ShouldBe("dev");
        }

        using (var s3 = StrictMoto.S3(Region))
        {
            var block = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucketName })).PublicAccessBlockConfiguration;
            block.BlockPublicAcls.ShouldBe(true);
            block.RestrictPublicBuckets.ShouldBe(true);
            (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucketName })).TagSet.Single(t => t.Key == "env").Value.ShouldBe("dev");
        }

        // A drift check may see the repaired resource before the reconcile job's completion (and its audit) is written.
        await Provisioning.Eventually.HoldsAsync(
            async () => (await client.AuditAsync(vm, "resource.reconciled")).Count > 0 && (await client.AuditAsync(bucket, "resource.reconciled")).Count > 0,
            "both reconciles audited");
        (await client.AuditAsync(vm, "resource.reconciled")).ShouldHaveSingleItem();
        (await client.AuditAsync(bucket, "resource.reconciled")).ShouldHaveSingleItem();

        // The deleted database stays marked: no reconcile, and nothing recreated in AWS.
        var gone = await client.ResourceAsync(database);
        DriftApi.Differences(gone).ShouldBe(["exists:true:false"]);
        (await client.AuditAsync(database, "resource.reconciled")).ShouldBeEmpty();
        var rds = MotoNetwork.Rds(StrictMoto.Url, StrictMoto.Admin);
        var error = await Should.ThrowAsync<RdsErrorException>(() => rds.CallAsync(Region, "DescribeDBInstances", [new("DBInstanceIdentifier", identifier)], CancellationToken.None));
        error.Code.ShouldBe("DBInstanceNotFound");
    }

    /// <summary>An administrator, with the AWS SDK: a tag and IMDSv2 on the instance, a tag and public access on the bucket, the DB instance deleted.</summary>
    private static async Task ChangeBehindTheServiceAsync(string instanceId, string bucketName, string identifier)
    {
        using var ec2 = StrictMoto.Ec2(Region);
        await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [instanceId], Tags = [new Amazon.EC2.Model.Tag("env", "prod")] });
        await ec2.ModifyInstanceMetadataOptionsAsync(new ModifyInstanceMetadataOptionsRequest { InstanceId = instanceId, HttpTokens = HttpTokensState.Optional });

        using var s3 = StrictMoto.S3(Region);
        var tags = (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucketName })).TagSet;
        tags.Single(t => t.Key == "env").Value = "prod";
        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucketName, TagSet = tags });
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucketName,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = false, IgnorePublicAcls = false, BlockPublicPolicy = false, RestrictPublicBuckets = false },
        });

        var rds = MotoNetwork.Rds(StrictMoto.Url, StrictMoto.Admin);
        await rds.CallAsync(Region, "ModifyDBInstance", [new("DBInstanceIdentifier", identifier), new("DeletionProtection", "false"), new("ApplyImmediately", "true")], CancellationToken.None);
        await rds.CallAsync(Region, "DeleteDBInstance", [new("DBInstanceIdentifier", identifier), new("SkipFinalSnapshot", "true")], CancellationToken.None);
    }

    private OrchestratorApiFactory Host(string mode, OrchestratorApiFactory? factory = null) =>
        _network.PlaceIn((factory ?? OrchestratorApiFactory.OnDataDirectory(_dataDirectory)).WithStrictMotoCloud(_service))
            .With("Drift:Interval", "00:00:02")
            .With("Drift:PollInterval", "00:00:00.200")
            .With("Drift:Mode", mode);

    private static async Task<Instance> InstanceAsync(IAmazonEC2 ec2, string instanceId) =>
        (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] })).Reservations.SelectMany(r => r.Instances).Single();
}
