using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.IntegrationTests.Infrastructure;

namespace Orchestrator.IntegrationTests.Provisioning;

/// <summary>
/// AWS refusals, scripted, through the whole API: each ends with its failure code and an owner sentence that names
/// the operation that really failed, while the AWS answer (account id, ARN, exception) is only in the log.
/// </summary>
public sealed class AwsFailureCodeTests
{
    private const string Region = "eu-west-2";
    private const string AccountArn = "arn:aws:iam::123456789012:user/orchestrator";
    private const string NoInstances = """<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><reservationSet/></DescribeInstancesResponse>""";
    private const string ImageId = "ami-0123456789abcdef0";
    private const string NoOpenGroups = """<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><securityGroupInfo/></DescribeSecurityGroupsResponse>""";
    private const string OffersT3Micro = """<DescribeInstanceTypeOfferingsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><instanceTypeOfferingSet><item><instanceType>t3.micro</instanceType><locationType>region</locationType><location>eu-west-2</location></item></instanceTypeOfferingSet></DescribeInstanceTypeOfferingsResponse>""";
    private const string CallerIdentity = """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/orchestrator</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>""";
    private const string AmazonImage = $"""<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><imagesSet><item><imageId>{ImageId}</imageId><imageOwnerId>137112412989</imageOwnerId><imageOwnerAlias>amazon</imageOwnerAlias><rootDeviceName>/dev/xvda</rootDeviceName></item></imagesSet></DescribeImagesResponse>""";

    [Fact]
    public async Task A_refused_DescribeInstances_is_named_as_such_not_as_RunInstances()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            _ => (HttpStatusCode.Forbidden, Ec2Error("UnauthorizedOperation", $"You are not authorized to perform this operation. User: {AccountArn} is not authorized to perform: ec2:DescribeInstances")),
            ScriptedAwsEndpoint.QueryProtocol);

        var (failed, logs, id) = await CreateUntilFailedAsync(endpoint, new { name = "denied01", type = "ec2", region = Region });

        failed["failureCode"]!.GetValue<string>().ShouldBe("cloud.access-denied");
        var reason = failed["statusReason"]!.GetValue<string>();
        reason.ShouldContain("DescribeInstances");
        reason.ShouldNotContain("RunInstances");
        CloudFailureAssertions.ShouldNotLeak(reason);
        logs.ShouldContain(e => e.Contains(id, StringComparison.OrdinalIgnoreCase) && e.Contains(AccountArn, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("InvalidAMIID.NotFound", "cloud.image-not-found")]
    [InlineData("Unsupported", "cloud.invalid-instance-type")]
    [InlineData("InvalidInstanceType", "cloud.invalid-instance-type")]
    [InlineData("InstanceLimitExceeded", "cloud.limit-exceeded")]
    [InlineData("UnauthorizedOperation", "cloud.access-denied")]
    [InlineData("InvalidParameterValue", "cloud.invalid-request")]
    public async Task A_refused_RunInstances_ends_with_its_code(string awsCode, string failureCode)
    {
        using var endpoint = new ScriptedAwsEndpoint(
            request => BeforeLaunch(request) ?? (request.Body.Contains("Action=RunInstances", StringComparison.Ordinal)
                ? (awsCode == "UnauthorizedOperation" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest,
                    Ec2Error(awsCode, $"{awsCode} for account 123456789012 at {AccountArn}"))
                : (HttpStatusCode.OK, NoInstances)),
            ScriptedAwsEndpoint.QueryProtocol);

        var (failed, logs, id) = await CreateUntilFailedAsync(endpoint, new { name = "refused01", type = "ec2", region = Region });

        failed["failureCode"]!.GetValue<string>().ShouldBe(failureCode);
        var reason = failed["statusReason"]!.GetValue<string>();
        reason.ShouldContain("RunInstances");
        reason.ShouldNotContain(awsCode);
        CloudFailureAssertions.ShouldNotLeak(reason);
        logs.ShouldContain(e => e.Contains(id, StringComparison.OrdinalIgnoreCase) && e.Contains(awsCode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_CreateDBInstance_ends_with_its_code()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            request => BeforeLaunch(request) ?? (request.Body.Contains("Action=CreateDBInstance", StringComparison.Ordinal)
                ? (HttpStatusCode.BadRequest, RdsError("InstanceQuotaExceeded", $"Quota exceeded for {AccountArn}"))
                : (HttpStatusCode.NotFound, RdsError("DBInstanceNotFound", "DBInstance not found."))),
            ScriptedAwsEndpoint.QueryProtocol);

        var (failed, logs, id) = await CreateUntilFailedAsync(endpoint, new { name = "quota01", type = "rds", region = Region });

        failed["failureCode"]!.GetValue<string>().ShouldBe("cloud.limit-exceeded");
        var reason = failed["statusReason"]!.GetValue<string>();
        reason.ShouldContain("CreateDBInstance");
        CloudFailureAssertions.ShouldNotLeak(reason);
        logs.ShouldContain(e => e.Contains(id, StringComparison.OrdinalIgnoreCase) && e.Contains("InstanceQuotaExceeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bucket_name_another_account_owns_fails_as_name_taken_and_its_delete_sends_nothing_to_that_bucket()
    {
        using var endpoint = new ScriptedAwsEndpoint(
            request => request.Method == "PUT"
                ? (HttpStatusCode.Conflict, "<Error><Code>BucketAlreadyExists</Code><Message>The requested bucket name is not available.</Message><RequestId>1</RequestId><HostId>h</HostId></Error>")
                : (HttpStatusCode.Forbidden, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>2</RequestId><HostId>h</HostId></Error>"),
            ScriptedAwsEndpoint.QueryProtocol);
        await using var factory = Factory(endpoint);
        using var admin = await factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "taken01", type = "s3", region = Region });

        var failed = await admin.WaitForStatusAsync(id, "failed");
        failed["failureCode"]!.GetValue<string>().ShouldBe("cloud.name-taken");
        failed["statusReason"]!.GetValue<string>().ShouldContain("CreateBucket");
        CloudFailureAssertions.ShouldNotLeak(failed["statusReason"]!.GetValue<string>());
        var callsBeforeDelete = endpoint.Requests.Count;

        await admin.RequestDeletionAsync(id);
        var deleted = await admin.WaitForStatusAsync(id, "deleted");

        deleted["failureCode"].ShouldBeNull();
        endpoint.Requests.Count.ShouldBe(callsBeforeDelete);
        endpoint.Requests.ShouldAllBe(r => r.Method == "PUT");
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, HttpStatusCode.NotFound, "cloud.name-taken")]
    [InlineData(HttpStatusCode.NotFound, HttpStatusCode.NotFound, "cloud.access-denied")]
    [InlineData(HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, "cloud.access-denied")]
    public async Task A_CreateBucket_answered_AccessDenied_is_name_taken_only_when_HeadBucket_proves_another_account_holds_the_name(
        HttpStatusCode headOfTheName, HttpStatusCode headOfANameNobodyHolds, string failureCode)
    {
        // S3 answers AccessDenied both for a name another account holds and for a real IAM refusal. HeadBucket with the
        // service's account as expected owner: 403 for another account's bucket, 404 for none; a 403 counts only when a
        // name nobody holds answers 404 (the third row: HeadBucket itself is refused, so nothing is proven).
        string? bucketPath = null;
        (HttpStatusCode, string) DenyCreate(RecordedAwsRequest request)
        {
            bucketPath ??= PathOnly(request.Path);
            return (HttpStatusCode.Forbidden, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId><HostId>h</HostId></Error>");
        }

        using var endpoint = new ScriptedAwsEndpoint(
            request => request.Method switch
            {
                "PUT" => DenyCreate(request),
                "POST" when request.Body.Contains("Action=GetCallerIdentity", StringComparison.Ordinal) => (HttpStatusCode.OK, CallerIdentity),
                "HEAD" => (PathOnly(request.Path) == bucketPath ? headOfTheName : headOfANameNobodyHolds, string.Empty),
                _ => (HttpStatusCode.BadRequest, "<Error><Code>Unexpected</Code><Message>not scripted</Message></Error>"),
            },
            ScriptedAwsEndpoint.QueryProtocol);
        await using var factory = Factory(endpoint);
        using var admin = await factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(new { name = "taken02", type = "s3", region = Region });

        var failed = await admin.WaitForStatusAsync(id, "failed");

        failed["failureCode"]!.GetValue<string>().ShouldBe(failureCode, failed.ToJsonString());
        var reason = failed["statusReason"]!.GetValue<string>();
        reason.ShouldContain("CreateBucket");
        CloudFailureAssertions.ShouldNotLeak(reason);
        var heads = endpoint.Requests.Where(r => r.Method == "HEAD").ToList();
        heads.ShouldNotBeEmpty();
        heads.ShouldAllBe(r => r.ExpectedBucketOwner == "123456789012");
        heads.Select(r => PathOnly(r.Path)).ShouldAllBe(path => path.StartsWith("/orch-", StringComparison.Ordinal));
        endpoint.Requests.Count(r => r.Method == "PUT").ShouldBe(1);
        if (failureCode != "cloud.name-taken")
        {
            return;
        }

        var callsBeforeDelete = endpoint.Requests.Count;
        await admin.RequestDeletionAsync(id);
        (await admin.WaitForStatusAsync(id, "deleted"))["failureCode"].ShouldBeNull();
        endpoint.Requests.Count.ShouldBe(callsBeforeDelete);
    }

    /// <summary>The answers to the checks made before a launch: no security group open to the internet, t3.micro offered, the image found.</summary>
    private static (HttpStatusCode, string)? BeforeLaunch(RecordedAwsRequest request) =>
        request.Body.Contains("Action=DescribeSecurityGroups", StringComparison.Ordinal) ? (HttpStatusCode.OK, NoOpenGroups)
        : request.Body.Contains("Action=DescribeInstanceTypeOfferings", StringComparison.Ordinal) ? (HttpStatusCode.OK, OffersT3Micro)
        : request.Body.Contains("Action=DescribeImages", StringComparison.Ordinal) ? (HttpStatusCode.OK, AmazonImage)
        : null;

    private static string PathOnly(string pathAndQuery) => pathAndQuery.Split('?')[0].TrimEnd('/');

    private static OrchestratorApiFactory Factory(ScriptedAwsEndpoint endpoint) => new OrchestratorApiFactory()
        .WithProvisioning()
        .With($"Cloud:Aws:Network:{Region}:SubnetIds:0", "subnet-0123456789abcdef0")
        .With($"Cloud:Aws:Network:{Region}:SecurityGroupIds:0", "sg-0123456789abcdef0")
        .With($"Cloud:Aws:Network:{Region}:DbSubnetGroupName", "private")
        .With($"Cloud:Aws:Images:DefaultImageIds:{Region}", ImageId)
        .With("Cloud:Provider", "Aws")
        .With("Cloud:Aws:ServiceUrl", endpoint.Url)
        .With("Cloud:Aws:MaxErrorRetry", "0")
        .WithServices(services => services.AddSingleton(MotoEndpoint.Credentials));

    private static async Task<(System.Text.Json.Nodes.JsonNode Failed, List<string> Logs, string Id)> CreateUntilFailedAsync(ScriptedAwsEndpoint endpoint, object body)
    {
        await using var factory = Factory(endpoint);
        using var admin = await factory.CreateAdminClientAsync();
        var id = await admin.CreatePendingAsync(body);
        var failed = await admin.WaitForStatusAsync(id, "failed");
        return (failed, factory.Logs.Entries.Select(e => e.Message).ToList(), id);
    }

    private static string Ec2Error(string code, string message) =>
        $"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>1</RequestID></Response>";

    private static string RdsError(string code, string message) =>
        $"""<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>1</RequestId></ErrorResponse>""";
}
