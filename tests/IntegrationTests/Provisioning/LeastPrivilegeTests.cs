using System.Net;
using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Orchestrator.Infrastructure.Cloud.Aws;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// The whole flow (create, tag, re-tag, delete) of each type against moto in its strictest mode, in a region no
/// other test uses, as an IAM user holding exactly <c>docs/aws-iam-policy.json</c>. Every secure setting is read
/// back with the AWS SDK as an administrator, and the resource's outputs and posture are checked through the API.
/// </summary>
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    private const string Region = "ap-northeast-1";

    private MotoNetwork _network = null!;
    private AWSCredentials _service = null!;
    private OrchestratorApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _network = await MotoNetwork.CreateAsync(StrictMoto.Url, StrictMoto.Admin, Region);
        using var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin);
        _service = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Document, LeastPrivilegePolicy.EmulatorActionNames);
        _factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(_service));
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_ec2_instance_is_private_imdsv2_only_encrypted_and_tagged_and_its_posture_and_outputs_say_so()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "strictvm01", type = "ec2", region = Region, tags = new { env = "dev", team = "a" } });
        var active = await admin.WaitForStatusAsync(id, "active");
        var instanceId = active["providerId"]!.GetValue<string>();

        using var ec2 = StrictMoto.Ec2(Region);
        var instance = await InstanceAsync(ec2, instanceId);
        instance.MetadataOptions.HttpTokens.ShouldBe(HttpTokensState.Required);
        instance.MetadataOptions.HttpPutResponseHopLimit.ShouldBe(1);
        instance.PublicIpAddress.ShouldBeNullOrEmpty();
        instance.SubnetId.ShouldBe(_network.SubnetIds[0]);
        instance.NetworkInterfaces.Single().Groups.Select(g => g.GroupId).ShouldBe([_network.SecurityGroupId]);
        instance.NetworkInterfaces.Single().Association?.PublicIp.ShouldBeNullOrEmpty();
        var volumeIds = instance.BlockDeviceMappings.Select(m => m.Ebs.VolumeId).ToList();
        volumeIds.ShouldNotBeEmpty();
        var volumes = (await ec2.DescribeVolumesAsync(new DescribeVolumesRequest { VolumeIds = volumeIds })).Volumes;
        volumes.ShouldAllBe(v => v.Encrypted == true);
        volumes.ShouldAllBe(v => v.Tags.Any(t => t.Key == "orchestrator:resource-id" && t.Value == id));

        Outputs(active).ShouldBe(new Dictionary<string, string>
        {
            ["instanceId"] = instanceId,
            ["privateIpAddress"] = instance.PrivateIpAddress,
            ["subnetId"] = _network.SubnetIds[0],
            ["securityGroupId"] = _network.SecurityGroupId,
        });
        ShouldBeInPosture(active, "imdsV2Required", "metadataHopLimit", "rootVolumeEncrypted", "publicIp", "securityGroupsOpenToInternet", "volumesTagged");

        await PatchTagsAsync(admin, id, """{"env":"prod"}""");
        await Eventually.HoldsAsync(
            async () =>
            {
                var tags = (await InstanceAsync(ec2, instanceId)).Tags;
                return tags.Any(t => t.Key == "env" && t.Value == "prod") && tags.All(t => t.Key != "team");
            },
            "the instance re-tagged under the least-privilege policy");

        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
        (await InstanceAsync(ec2, instanceId)).State.Name.Value.ShouldBe(InstanceStateName.Terminated.Value);
    }

    [Fact]
    public async Task An_s3_bucket_blocks_public_access_encrypts_versions_refuses_plain_http_and_owns_its_objects()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "strictbucket01", type = "s3", region = Region, tags = new { env = "dev", team = "a" } });
        var active = await admin.WaitForStatusAsync(id, "active");
        var bucket = active["providerId"]!.GetValue<string>();

        using var s3 = StrictMoto.S3(Region);
        var block = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket })).PublicAccessBlockConfiguration;
        block.BlockPublicAcls.ShouldBe(true);
        block.IgnorePublicAcls.ShouldBe(true);
        block.BlockPublicPolicy.ShouldBe(true);
        block.RestrictPublicBuckets.ShouldBe(true);
        var encryption = await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket });
        encryption.ServerSideEncryptionConfiguration.ServerSideEncryptionRules.Single().ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm
            .ShouldBe(ServerSideEncryptionMethod.AES256);
        (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket })).VersioningConfig.Status.ShouldBe(VersionStatus.Enabled);
        var policy = (await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy;
        S3BucketSettings.DeniesInsecureTransport(policy).ShouldBeTrue(policy);
        (await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }))
            .OwnershipControls.Rules.Single().ObjectOwnership.ShouldBe(ObjectOwnership.BucketOwnerEnforced);

        Outputs(active).ShouldBe(new Dictionary<string, string>
        {
            ["bucket"] = bucket,
            ["arn"] = $"arn:aws:s3:::{bucket}",
            ["regionalDomainName"] = $"{bucket}.s3.{Region}.amazonaws.com",
        });
        ShouldBeInPosture(active, "blockPublicAccess", "defaultEncryption", "versioning", "tlsOnlyPolicy", "objectOwnership");

        await PatchTagsAsync(admin, id, """{"env":"prod"}""");
        await Eventually.HoldsAsync(
            async () =>
            {
                var tags = (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet;
                return tags.Any(t => t.Key == "env" && t.Value == "prod") && tags.All(t => t.Key != "team");
            },
            "the bucket re-tagged under the least-privilege policy");

        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
        ((await s3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName).ShouldNotContain(bucket);
    }

    [Fact]
    public async Task An_rds_instance_is_encrypted_private_protected_backed_up_pinned_and_leaves_an_encrypted_tagged_final_snapshot()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "strictdb01", type = "rds", region = Region, tags = new { env = "dev", team = "a" } });
        var active = await admin.WaitForStatusAsync(id, "active");
        var identifier = active["providerId"]!.GetValue<string>();

        var rds = MotoNetwork.Rds(StrictMoto.Url, StrictMoto.Admin);
        var described = (await rds.CallAsync(Region, "DescribeDBInstances", [new("DBInstanceIdentifier", identifier)], CancellationToken.None))
            .Descendants().First(e => e.Name.LocalName == "DBInstance");
        RdsQueryClient.Child(described, "StorageEncrypted").ShouldBe("true");
        RdsQueryClient.Child(described, "PubliclyAccessible").ShouldBe("false");
        RdsQueryClient.Child(described, "DeletionProtection").ShouldBe("true");
        RdsQueryClient.Child(described, "BackupRetentionPeriod").ShouldBe("7");
        RdsQueryClient.Child(described, "CopyTagsToSnapshot").ShouldBe("true");
        RdsQueryClient.Child(described, "EngineVersion").ShouldBe("16.4");
        RdsQueryClient.Child(described, "DBSubnetGroupName").ShouldBe(_network.DbSubnetGroupName);
        described.Descendants().Where(e => e.Name.LocalName == "VpcSecurityGroupId").Select(e => e.Value).ShouldBe([_network.SecurityGroupId]);
        var secretArn = RdsQueryClient.Child(described.Descendants().First(e => e.Name.LocalName == "MasterUserSecret"), "SecretArn");

        var outputs = Outputs(active);
        outputs["masterUserSecretArn"].ShouldBe(secretArn);
        outputs["endpoint"].ShouldNotBeNullOrEmpty();
        outputs["port"].ShouldBe("5432");
        outputs["engineVersion"].ShouldBe("16.4");
        ShouldBeInPosture(active, "storageEncrypted", "publiclyAccessible", "deletionProtection", "backupRetentionDays", "copyTagsToSnapshot", "engineVersion");

        await PatchTagsAsync(admin, id, """{"env":"prod"}""");
        var arn = RdsQueryClient.Child(described, "DBInstanceArn")!;
        await Eventually.HoldsAsync(
            async () =>
            {
                var tags = await RdsTagsAsync(rds, arn);
                return tags.GetValueOrDefault("env") == "prod" && !tags.ContainsKey("team");
            },
            "the DB instance re-tagged under the least-privilege policy");

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

        // The delete then takes the final snapshot.
        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");
        var snapshot = (await rds.CallAsync(Region, "DescribeDBSnapshots", [new("DBSnapshotIdentifier", $"{identifier}-final")], CancellationToken.None))
            .Descendants().First(e => e.Name.LocalName == "DBSnapshot");
        RdsQueryClient.Child(snapshot, "Encrypted").ShouldBe("true");
        var snapshotTags = await RdsTagsAsync(rds, RdsQueryClient.Child(snapshot, "DBSnapshotArn")!);
        snapshotTags["orchestrator:resource-id"].ShouldBe(id);
    }

    [Fact]
    public async Task An_image_that_exists_only_in_another_region_fails_with_image_not_found_and_no_leak()
    {
        // The latest Amazon Linux 2023 of us-east-1: a real image, but not one of this region.
        using var ssm = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(
            StrictMoto.Admin, new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig { ServiceURL = StrictMoto.Url, AuthenticationRegion = "us-east-1" });
        var elsewhere = (await ssm.GetParameterAsync(new Amazon.SimpleSystemsManagement.Model.GetParameterRequest { Name = AwsImageOptions.LatestAmazonLinux2023 })).Parameter.Value;
        using var admin = await _factory.CreateAdminClientAsync();

        var id = await admin.CreatePendingAsync(new { name = "strictvm02", type = "ec2", region = Region, spec = new { imageId = elsewhere } });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        ShouldBeCleanFailure(failed, "cloud.image-not-found");
        await ShouldHaveNoInstanceAsync(id);
    }

    [Fact]
    public async Task An_instance_type_the_region_does_not_offer_fails_with_invalid_instance_type()
    {
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(_service))
            .With("Cloud:AllowedInstanceTypes:0", "t3.micro")
            .With("Cloud:AllowedInstanceTypes:1", "x9.huge")
            .With("Pricing:PriceTableFile", TestPriceTables.WithInstanceType("x9.huge"));
        using var admin = await factory.CreateAdminClientAsync();

        var id = await admin.CreatePendingAsync(new { name = "strictvm03", type = "ec2", region = Region, spec = new { instanceType = "x9.huge" } });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        ShouldBeCleanFailure(failed, "cloud.invalid-instance-type");
        await ShouldHaveNoInstanceAsync(id);
    }

    [Fact]
    public async Task A_call_the_policy_does_not_allow_fails_with_access_denied_and_no_arn_or_account()
    {
        using var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin);
        var limited = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Without("ec2:RunInstances"), LeastPrivilegePolicy.EmulatorActionNames);
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(limited));
        using var admin = await factory.CreateAdminClientAsync();

        var id = await admin.CreatePendingAsync(new { name = "strictvm04", type = "ec2", region = Region });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        ShouldBeCleanFailure(failed, "cloud.access-denied");
        failed["statusReason"]!.GetValue<string>().ShouldContain("RunInstances");
        await ShouldHaveNoInstanceAsync(id);
    }

    [Fact]
    public async Task A_bucket_name_another_account_holds_fails_as_name_taken_gives_its_quota_unit_back_and_its_delete_leaves_that_bucket()
    {
        var (dataDirectory, id, bucket) = await BucketNameTakenByAnotherAccountAsync("strictbucket02");
        using var foreign = StrictMoto.S3(Region, StrictMoto.ForeignAdmin);

        using var factory = _network.PlaceIn(OrchestratorApiFactory.OnDataDirectory(dataDirectory).WithStrictMotoCloud(_service))
            .With("Quotas:S3Buckets", "1");
        using var admin = await factory.CreateAdminClientAsync();
        var failed = await admin.WaitForStatusAsync(id, "failed");

        // moto without cross-account access answers CreateBucket with AccessDenied (AWS mostly with BucketAlreadyExists,
        // AwsFailureCodeTests); HeadBucket with the service's account as expected owner shows the name is another's.
        ShouldBeCleanFailure(failed, "cloud.name-taken");
        failed["statusReason"]!.GetValue<string>().ShouldContain("CreateBucket");

        // A failed bucket gives its unit back as it fails: the only unit of a one-bucket quota goes to another bucket.
        var next = await admin.CreatePendingAsync(new { name = "strictbucket03", type = "s3", region = Region });
        await admin.WaitForStatusAsync(next, "active");
        using (var refused = await admin.CreateResourceAsync(new { name = "strictbucket07", type = "s3", region = Region }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, await refused.Content.ReadAsStringAsync());
        }

        await admin.RequestDeletionAsync(id);
        (await admin.WaitForStatusAsync(id, "deleted"))["failureCode"].ShouldBeNull();
        await ShouldBeUntouchedAsync(foreign, bucket);
    }

    [Theory]
    [InlineData("strictbucket04", "s3:CreateBucket")]
    [InlineData("strictbucket05", "s3:CreateBucket,s3:ListBucket,s3:HeadBucket")]
    public async Task A_CreateBucket_the_policy_does_not_allow_stays_access_denied_for_a_name_nobody_holds(string name, string withheld)
    {
        // The first row's HeadBucket answers 404 (no such bucket); the second's is refused too, and a refusal proves nothing.
        var actions = withheld.Split(',');
        using var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin);
        var limited = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Without(actions), LeastPrivilegePolicy.WithoutIn(LeastPrivilegePolicy.EmulatorActionNames, actions));
        using var factory = _network.PlaceIn(new OrchestratorApiFactory().WithStrictMotoCloud(limited));
        using var admin = await factory.CreateAdminClientAsync();

        var id = await admin.CreatePendingAsync(new { name, type = "s3", region = Region });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        ShouldBeCleanFailure(failed, "cloud.access-denied");
        failed["statusReason"]!.GetValue<string>().ShouldContain("CreateBucket");
        using var s3 = StrictMoto.S3(Region);
        ((await s3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName).ShouldNotContain($"orch-{Guid.Parse(id):N}");
    }

    [Fact]
    public async Task A_bucket_that_failed_as_access_denied_under_another_accounts_name_is_deleted_once_the_policy_lets_the_service_look()
    {
        // Without HeadBucket the service cannot prove whose the name is, so the creation fails as access-denied.
        var (dataDirectory, id, bucket) = await BucketNameTakenByAnotherAccountAsync("strictbucket06");
        using var foreign = StrictMoto.S3(Region, StrictMoto.ForeignAdmin);
        string[] withheld = ["s3:ListBucket", "s3:HeadBucket"];
        using (var iam = new MotoIam(StrictMoto.Url, StrictMoto.Admin))
        {
            var blind = await iam.UserWithPoliciesAsync(LeastPrivilegePolicy.Without(withheld), LeastPrivilegePolicy.WithoutIn(LeastPrivilegePolicy.EmulatorActionNames, withheld));
            using var before = _network.PlaceIn(OrchestratorApiFactory.OnDataDirectory(dataDirectory).WithStrictMotoCloud(blind));
            before.DeletesDataDirectoryOnDispose(false);
            using var client = await before.CreateAdminClientAsync();
            ShouldBeCleanFailure(await client.WaitForStatusAsync(id, "failed"), "cloud.access-denied");
        }

        // With the policy as shipped, DeleteBucket's AccessDenied is looked into: the bucket is another account's, none of ours.
        using var factory = _network.PlaceIn(OrchestratorApiFactory.OnDataDirectory(dataDirectory).WithStrictMotoCloud(_service));
        using var admin = await factory.CreateAdminClientAsync();
        await admin.RequestDeletionAsync(id);
        await admin.WaitForStatusAsync(id, "deleted");

        await ShouldBeUntouchedAsync(foreign, bucket);
    }

    /// <summary>
    /// Stores an s3 resource on a host without a worker, then has the other account take its bucket name (and tag it),
    /// so the next host's worker meets the name taken.
    /// </summary>
    private static async Task<(string DataDirectory, string Id, string Bucket)> BucketNameTakenByAnotherAccountAsync(string name)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        string id;
        using (var first = OrchestratorApiFactory.OnDataDirectory(dataDirectory))
        {
            first.DeletesDataDirectoryOnDispose(false);
            using var client = await first.CreateAdminClientAsync();
            id = await client.CreatePendingAsync(new { name, type = "s3", region = Region });
        }

        var bucket = $"orch-{Guid.Parse(id):N}";
        using var foreign = StrictMoto.S3(Region, StrictMoto.ForeignAdmin);
        await foreign.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegionName = Region });
        await foreign.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [new Amazon.S3.Model.Tag { Key = "owner", Value = "someone-else" }] });
        return (dataDirectory, id, bucket);
    }

    /// <summary>The other account's bucket still exists, with only its own tag and no policy of the service's.</summary>
    private static async Task ShouldBeUntouchedAsync(IAmazonS3 foreign, string bucket)
    {
        ((await foreign.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName).ShouldContain(bucket);
        var tags = (await foreign.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet;
        tags.Select(t => t.Key).ShouldBe(["owner"]);

        // The SDK hands moto's NoSuchBucketPolicy answer back as the policy text.
        var policy = (await foreign.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy ?? string.Empty;
        policy.ShouldNotContain("SecureTransport");
    }

    private async Task ShouldHaveNoInstanceAsync(string id)
    {
        using var ec2 = StrictMoto.Ec2(Region);
        var found = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Amazon.EC2.Model.Filter("tag:orchestrator:resource-id", [id])] });
        (found.Reservations ?? []).SelectMany(r => r.Instances ?? []).ShouldBeEmpty();
    }

    private static void ShouldBeCleanFailure(JsonNode failed, string failureCode)
    {
        failed["failureCode"]!.GetValue<string>().ShouldBe(failureCode, failed.ToJsonString());
        var reason = failed["statusReason"]!.GetValue<string>();
        foreach (var leak in new[] { "123456789012", "111111111111", "arn:", "Exception", "127.0.0.1", "http://", "AKIA" })
        {
            reason.ShouldNotContain(leak, Case.Insensitive, reason);
        }
    }

    private static Dictionary<string, string> Outputs(JsonNode resource) =>
        resource["outputs"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    /// <summary>The posture lists exactly these settings, each read back as what is expected.</summary>
    private static void ShouldBeInPosture(JsonNode resource, params string[] settings)
    {
        var posture = resource["posture"]!.AsArray();
        posture.Select(p => p!["setting"]!.GetValue<string>()).ShouldBe(settings, resource.ToJsonString());
        foreach (var entry in posture)
        {
            entry!["actual"]?.GetValue<string>().ShouldBe(entry["expected"]!.GetValue<string>(), entry.ToJsonString());
        }
    }

    private static async Task PatchTagsAsync(HttpClient client, string id, string tags)
    {
        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/resources/{id}", $$"""{"tags":{{tags}}}""");
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
    }

    private static async Task<Instance> InstanceAsync(IAmazonEC2 ec2, string instanceId) =>
        (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] })).Reservations.SelectMany(r => r.Instances).Single();

    private static async Task<Dictionary<string, string>> RdsTagsAsync(RdsQueryClient rds, string arn)
    {
        var listed = await rds.CallAsync(Region, "ListTagsForResource", [new("ResourceName", arn)], CancellationToken.None);
        return listed.Descendants().Where(e => e.Name.LocalName == "Tag")
            .ToDictionary(tag => RdsQueryClient.Child(tag, "Key")!, tag => RdsQueryClient.Child(tag, "Value") ?? string.Empty);
    }
}
