using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// S3 buckets through AWSSDK.S3, named from the resource id (<c>orch-&lt;id&gt;</c>): a repeated create
/// meets <c>BucketAlreadyOwnedByYou</c>, which means the first create worked.
/// </summary>
public sealed class S3CloudProvider(AwsServiceClients clients) : ICloudProvider
{
    public ResourceType Type => ResourceType.S3;

    public async Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var s3 = clients.S3(resource.Region);
        var bucket = resource.DeterministicName;
        try
        {
            // us-east-1 is the one region that takes no location constraint.
            var request = new PutBucketRequest { BucketName = bucket };
            if (resource.Region != "us-east-1")
            {
                request.BucketRegionName = resource.Region;
            }

            await s3.PutBucketAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Created by an earlier attempt whose answer was lost: nothing more to create.
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "CreateBucket");
        }

        try
        {
            await PutTagsAsync(s3, bucket, resource, cancellationToken);
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "PutBucketTagging");
        }

        try
        {
            if (resource.Spec.Versioning == true)
            {
                await s3.PutBucketVersioningAsync(
                    new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } },
                    cancellationToken);
            }
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "PutBucketVersioning");
        }

        return CloudProgress.Created(bucket, AwsResourceOutputs.OfBucket(bucket, resource.Region), []);
    }

    public async Task<CloudProgress> DeleteAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var bucket = resource.DeterministicName;
        try
        {
            await clients.S3(resource.Region).DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchBucket" || exception.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone (an earlier attempt deleted it, or it was never created).
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "DeleteBucket");
        }

        return CloudProgress.Done(bucket);
    }

    public async Task ApplyTagsAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        try
        {
            await PutTagsAsync(clients.S3(resource.Region), resource.DeterministicName, resource, cancellationToken);
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "PutBucketTagging");
        }
    }

    // PutBucketTagging replaces the whole set, so removed user tags go with it.
    private static Task PutTagsAsync(IAmazonS3 s3, string bucket, CloudResource resource, CancellationToken cancellationToken) =>
        s3.PutBucketTaggingAsync(
            new PutBucketTaggingRequest
            {
                BucketName = bucket,
                TagSet = resource.CloudTags().Select(tag => new Tag { Key = tag.Key, Value = tag.Value }).ToList(),
            },
            cancellationToken);
}
