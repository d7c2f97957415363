using System.Net;
using Orchestrator.Application.Provisioning;
using Orchestrator.Infrastructure.Cloud.Aws;

namespace Orchestrator.UnitTests.Infrastructure.Cloud;

public sealed class AwsErrorsTests
{
    [Theory]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, CloudFailureCode.AccessDenied)]
    [InlineData("UnauthorizedOperation", HttpStatusCode.Forbidden, CloudFailureCode.AccessDenied)]
    [InlineData("InvalidAMIID.NotFound", HttpStatusCode.BadRequest, CloudFailureCode.ImageNotFound)]
    [InlineData("InvalidAMIID.Malformed", HttpStatusCode.BadRequest, CloudFailureCode.ImageNotFound)]
    [InlineData("InvalidInstanceType", HttpStatusCode.BadRequest, CloudFailureCode.InvalidInstanceType)]
    [InlineData("Unsupported", HttpStatusCode.BadRequest, CloudFailureCode.InvalidInstanceType)]
    [InlineData("InvalidDBInstanceClass", HttpStatusCode.BadRequest, CloudFailureCode.InvalidInstanceType)]
    [InlineData("BucketAlreadyExists", HttpStatusCode.Conflict, CloudFailureCode.NameTaken)]
    [InlineData("InstanceLimitExceeded", HttpStatusCode.BadRequest, CloudFailureCode.LimitExceeded)]
    [InlineData("VcpuLimitExceeded", HttpStatusCode.BadRequest, CloudFailureCode.LimitExceeded)]
    [InlineData("InstanceQuotaExceeded", HttpStatusCode.BadRequest, CloudFailureCode.LimitExceeded)]
    [InlineData("StorageQuotaExceeded", HttpStatusCode.BadRequest, CloudFailureCode.LimitExceeded)]
    [InlineData("TooManyBuckets", HttpStatusCode.BadRequest, CloudFailureCode.LimitExceeded)]
    [InlineData("BucketNotEmpty", HttpStatusCode.Conflict, CloudFailureCode.BucketNotEmpty)]
    [InlineData("InvalidParameterValue", HttpStatusCode.BadRequest, CloudFailureCode.InvalidRequest)]
    [InlineData("SomethingNew", HttpStatusCode.Forbidden, CloudFailureCode.AccessDenied)]
    [InlineData(null, HttpStatusCode.BadRequest, CloudFailureCode.InvalidRequest)]
    public void Each_refusal_has_its_code(string? awsCode, HttpStatusCode status, string expected) =>
        AwsErrors.FailureCodeOf(awsCode, status).ShouldBe(expected);

    [Theory]
    [InlineData("Throttling", HttpStatusCode.BadRequest)]
    [InlineData("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError)]
    public void Transient_errors_stay_transient_and_name_their_operation(string awsCode, HttpStatusCode status)
    {
        var error = AwsErrors.Classify(awsCode, status, "DescribeInstances", new InvalidOperationException("raw"));

        error.ShouldBeOfType<CloudTransientException>().Operation.ShouldBe("DescribeInstances");
        error.InnerException!.Message.ShouldBe("raw");
    }

    [Fact]
    public void A_refusal_carries_the_owner_sentence_and_keeps_the_raw_answer_inside()
    {
        var raw = new InvalidOperationException("User: arn:aws:iam::123456789012:user/x is not authorized");

        var error = AwsErrors.Classify("AccessDenied", HttpStatusCode.Forbidden, "CreateBucket", raw).ShouldBeOfType<CloudOperationFailedException>();

        error.FailureCode.ShouldBe(CloudFailureCode.AccessDenied);
        error.Operation.ShouldBe("CreateBucket");
        error.Message.ShouldContain("CreateBucket");
        error.Message.ShouldNotContain("arn:");
        error.Message.ShouldNotContain("123456789012");
        error.InnerException.ShouldBeSameAs(raw);
    }

    [Theory]
    [InlineData("Server.InsufficientInstanceCapacity", CloudFailureCode.Unavailable)]
    [InlineData("Client.VolumeLimitExceeded", CloudFailureCode.LimitExceeded)]
    [InlineData("Client.InvalidKMSKey.InvalidState", CloudFailureCode.AccessDenied)]
    [InlineData("Client.InstanceInitiatedShutdown", CloudFailureCode.InvalidRequest)]
    [InlineData(null, CloudFailureCode.Internal)]
    public void An_instance_that_stopped_instead_of_starting_has_a_code(string? stateReason, string expected) =>
        Ec2CloudProvider.StoppedInstanceFailureCode(stateReason).ShouldBe(expected);

    [Fact]
    public void Every_code_has_a_sentence_that_names_the_operation()
    {
        foreach (var code in CloudFailureCode.All)
        {
            var sentence = CloudFailureSentences.For(code, "PutBucketTagging");
            sentence.ShouldContain("PutBucketTagging", customMessage: code);
            sentence.ShouldEndWith(".", customMessage: code);
        }

        CloudFailureCode.All.Distinct().Count().ShouldBe(CloudFailureCode.All.Count);
    }
}
