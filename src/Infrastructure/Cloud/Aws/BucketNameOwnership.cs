using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// Tells a bucket name another account holds from an IAM refusal, after S3 answered a bucket call with AccessDenied
/// (S3 does so for another account's bucket the caller may not see; moto without cross-account access always does).
/// HeadBucket naming the service's account as the expected owner answers 200 for its own bucket, 404 for no bucket
/// and 403 for another account's; a 403 counts only when a HeadBucket of a name nobody holds answers 404, which
/// proves the service may look at all. See docs/decisions/0025-secure-by-default-cloud-resources.md.
/// </summary>
internal static class BucketNameOwnership
{
    public static async Task<BucketNameHolder> HolderAsync(IAmazonS3 s3, string bucket, string account, CancellationToken cancellationToken)
    {
        var answer = await HeadAsync(s3, bucket, account, cancellationToken);
        if (answer == HttpStatusCode.OK)
        {
            return BucketNameHolder.ThisAccount;
        }

        if (answer != HttpStatusCode.Forbidden)
        {
            return BucketNameHolder.Unknown;
        }

        // Same prefix and shape as the service's own names, so a policy scoped to them applies alike.
        var control = await HeadAsync(s3, $"orch-{Guid.NewGuid():N}", account, cancellationToken);
        return control == HttpStatusCode.NotFound ? BucketNameHolder.AnotherAccount : BucketNameHolder.Unknown;
    }

    /// <summary>True for the refusal worth the check: AccessDenied, which S3 also answers for another account's bucket.</summary>
    public static bool MayBeAnotherAccounts(AmazonS3Exception exception) =>
        exception.StatusCode == HttpStatusCode.Forbidden && exception.ErrorCode == "AccessDenied";

    private static async Task<HttpStatusCode> HeadAsync(IAmazonS3 s3, string bucket, string account, CancellationToken cancellationToken)
    {
        try
        {
            await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket, ExpectedBucketOwner = account }, cancellationToken);
            return HttpStatusCode.OK;
        }
        catch (AmazonS3Exception exception) when (!AwsErrors.IsTransient(exception.ErrorCode, exception.StatusCode))
        {
            return exception.StatusCode;
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "HeadBucket");
        }
    }
}
