using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Orchestrator.Application.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// S3 buckets through AWSSDK.S3, named from the resource id (<c>orch-&lt;id&gt;</c>): a repeated create
/// meets <c>BucketAlreadyOwnedByYou</c>, which means the first create worked. The secure settings are
/// <see cref="S3BucketSettings"/>; every call after CreateBucket names the service's account as the expected owner.
/// An AccessDenied from CreateBucket or DeleteBucket is looked into (<see cref="BucketNameOwnership"/>): a name another
/// account holds is <c>cloud.name-taken</c> on create, and leaves nothing to delete.
/// </summary>
public sealed class S3CloudProvider(AwsServiceClients clients, AwsAccountIdentity identity) : ICloudProvider, ICloudDriftProvider
{
    /// <summary>GetBucketTagging, then the five reads of the posture.</summary>
    public const int DescribeCalls = 6;

    public ResourceType Type => ResourceType.S3;

    public int CallsPerDescribe => DescribeCalls;

    public async Task<CloudState> DescribeAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var s3 = clients.S3(resource.Region);
        var bucket = resource.DeterministicName;
        var owner = await identity.AccountIdAsync(resource.Region, cancellationToken);
        var tags = await TagsAsync(s3, bucket, owner, cancellationToken);
        if (tags is null)
        {
            return CloudState.Missing;
        }

        var posture = await S3BucketSettings.ReadAsync(s3, bucket, owner, resource.Spec.Versioning != false, cancellationToken);
        return new CloudState(true, tags, posture);
    }

    /// <summary>Every secure setting and the tags again, as on creation (each call idempotent); versioning suspended when the spec turned it off.</summary>
    public async Task ReconcileAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var s3 = clients.S3(resource.Region);
        var bucket = resource.DeterministicName;
        var owner = await identity.AccountIdAsync(resource.Region, cancellationToken);
        if (await TagsAsync(s3, bucket, owner, cancellationToken) is null)
        {
            return;
        }

        var versioning = resource.Spec.Versioning != false;
        await S3BucketSettings.ApplyAsync(s3, bucket, owner, versioning, cancellationToken);
        if (!versioning)
        {
            await S3BucketSettings.SuspendVersioningIfEnabledAsync(s3, bucket, owner, cancellationToken);
        }

        await S3BucketSettings.Labelled("PutBucketTagging", () => PutTagsAsync(s3, bucket, owner, resource, cancellationToken));
    }

    /// <summary>The bucket's tags (none set: empty), or null when the bucket is gone.</summary>
    private static async Task<Dictionary<string, string>?> TagsAsync(IAmazonS3 s3, string bucket, string owner, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken);
            return (response.TagSet ?? [])
                .Where(tag => !tag.Key.StartsWith("aws:", StringComparison.Ordinal))
                .ToDictionary(tag => tag.Key, tag => tag.Value ?? string.Empty, StringComparer.Ordinal);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchTagSet")
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchBucket" || exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "GetBucketTagging");
        }
    }

    public async Task<CloudProgress> CreateAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var s3 = clients.S3(resource.Region);
        var bucket = resource.DeterministicName;
        try
        {
            // us-east-1 is the one region that takes no location constraint. ACLs are off from the first moment.
            var request = new PutBucketRequest { BucketName = bucket, ObjectOwnership = ObjectOwnership.BucketOwnerEnforced };
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
        catch (AmazonS3Exception exception) when (BucketNameOwnership.MayBeAnotherAccounts(exception))
        {
            switch (await HolderAsync(s3, bucket, resource.Region, cancellationToken))
            {
                case BucketNameHolder.AnotherAccount:
                    throw AwsErrors.Refused(CloudFailureCode.NameTaken, "CreateBucket", exception);
                case BucketNameHolder.Unknown:
                    throw AwsErrors.Classify(exception, "CreateBucket");
                default:
                    // Ours already (an earlier attempt created it), as with BucketAlreadyOwnedByYou.
                    break;
            }
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "CreateBucket");
        }

        // Each call labels its own failure (PutBucketEncryption, GetBucketPolicy...).
        var versioning = resource.Spec.Versioning != false;
        var owner = await identity.AccountIdAsync(resource.Region, cancellationToken);
        await S3BucketSettings.ApplyAsync(s3, bucket, owner, versioning, cancellationToken);
        await S3BucketSettings.Labelled("PutBucketTagging", () => PutTagsAsync(s3, bucket, owner, resource, cancellationToken));
        var posture = await S3BucketSettings.ReadAsync(s3, bucket, owner, versioning, cancellationToken);
        return CloudProgress.Created(bucket, S3BucketSettings.Outputs(bucket, resource.Region), posture);
    }

    public async Task<CloudProgress> DeleteAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var s3 = clients.S3(resource.Region);
        var bucket = resource.DeterministicName;
        try
        {
            var owner = await identity.AccountIdAsync(resource.Region, cancellationToken);
            await s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchBucket" || exception.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone (an earlier attempt deleted it, or it was never created).
        }
        catch (AmazonS3Exception exception) when (BucketNameOwnership.MayBeAnotherAccounts(exception))
        {
            // Another account's bucket under the name (a creation that failed before its owner was known): none of ours to delete.
            if (await HolderAsync(s3, bucket, resource.Region, cancellationToken) != BucketNameHolder.AnotherAccount)
            {
                throw AwsErrors.Classify(exception, "DeleteBucket");
            }
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
            var owner = await identity.AccountIdAsync(resource.Region, cancellationToken);
            await PutTagsAsync(clients.S3(resource.Region), resource.DeterministicName, owner, resource, cancellationToken);
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "PutBucketTagging");
        }
    }

    private async Task<BucketNameHolder> HolderAsync(IAmazonS3 s3, string bucket, string region, CancellationToken cancellationToken) =>
        await BucketNameOwnership.HolderAsync(s3, bucket, await identity.AccountIdAsync(region, cancellationToken), cancellationToken);

    public async Task MarkOrphanedAsync(CloudResource resource, CancellationToken cancellationToken)
    {
        var s3 = clients.S3(resource.Region);
        var bucket = resource.DeterministicName;
        try
        {
            var owner = await identity.AccountIdAsync(resource.Region, cancellationToken);
            List<Tag> current;
            try
            {
                current = (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken)).TagSet ?? [];
            }
            catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchTagSet")
            {
                current = [];
            }

            // PutBucketTagging replaces the set: the orphaned tag is merged into what the bucket has now.
            var merged = current.Where(tag => tag.Key != CloudResource.OrphanedTag).ToList();
            merged.Add(new Tag { Key = CloudResource.OrphanedTag, Value = "true" });
            await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, ExpectedBucketOwner = owner, TagSet = merged }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchBucket" || exception.StatusCode == HttpStatusCode.NotFound)
        {
            // Nothing of it exists in the cloud: nothing to tag.
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, "PutBucketTagging");
        }
    }

    /// <summary>Buckets have no deletion protection of their own; the service's refusal of DELETE is the protection.</summary>
    public Task ApplyDeletionProtectionAsync(CloudResource resource, CancellationToken cancellationToken) => Task.CompletedTask;

    // PutBucketTagging replaces the whole set, so removed user tags go with it.
    private static Task<PutBucketTaggingResponse> PutTagsAsync(IAmazonS3 s3, string bucket, string owner, CloudResource resource, CancellationToken cancellationToken) =>
        s3.PutBucketTaggingAsync(
            new PutBucketTaggingRequest
            {
                BucketName = bucket,
                ExpectedBucketOwner = owner,
                TagSet = resource.CloudTags().Select(tag => new Tag { Key = tag.Key, Value = tag.Value }).ToList(),
            },
            cancellationToken);
}
