using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// What every bucket gets, set explicitly (emulators and older accounts apply none of S3's 2023 defaults) and
/// read back for the posture: Block Public Access (all four), SSE-S3 default encryption, versioning unless the
/// spec turned it off, a policy denying requests without TLS, and BucketOwnerEnforced (ACLs off). Every call
/// names the expected owner, so a bucket of the same name in another account answers 403 instead of being changed.
/// </summary>
internal static class S3BucketSettings
{
    private const string DenyInsecureTransportSid = "DenyInsecureTransport";

    public static async Task ApplyAsync(IAmazonS3 s3, string bucket, string owner, bool versioning, CancellationToken cancellationToken)
    {
        await Labelled("PutPublicAccessBlock", () => s3.PutPublicAccessBlockAsync(
            new PutPublicAccessBlockRequest
            {
                BucketName = bucket,
                ExpectedBucketOwner = owner,
                PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
                {
                    BlockPublicAcls = true,
                    IgnorePublicAcls = true,
                    BlockPublicPolicy = true,
                    RestrictPublicBuckets = true,
                },
            },
            cancellationToken));
        await Labelled("PutBucketOwnershipControls", () => s3.PutBucketOwnershipControlsAsync(
            new PutBucketOwnershipControlsRequest
            {
                BucketName = bucket,
                ExpectedBucketOwner = owner,
                OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }] },
            },
            cancellationToken));
        await Labelled("PutBucketEncryption", () => s3.PutBucketEncryptionAsync(
            new PutBucketEncryptionRequest
            {
                BucketName = bucket,
                ExpectedBucketOwner = owner,
                ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
                {
                    ServerSideEncryptionRules =
                    [
                        new ServerSideEncryptionRule
                        {
                            ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 },
                        },
                    ],
                },
            },
            cancellationToken));
        if (versioning)
        {
            await Labelled("PutBucketVersioning", () => s3.PutBucketVersioningAsync(
                new PutBucketVersioningRequest
                {
                    BucketName = bucket,
                    ExpectedBucketOwner = owner,
                    VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
                },
                cancellationToken));
        }

        await Labelled("PutBucketPolicy", () => s3.PutBucketPolicyAsync(
            new PutBucketPolicyRequest { BucketName = bucket, ExpectedBucketOwner = owner, Policy = TlsOnlyPolicy(bucket) },
            cancellationToken));
    }

    /// <summary>
    /// Every setting as S3 reports it. A configuration removed since (no public access block, no default encryption,
    /// no policy, no ownership controls) reads as off, not as an error: that is what a drift check must see.
    /// </summary>
    public static async Task<IReadOnlyList<PostureSetting>> ReadAsync(IAmazonS3 s3, string bucket, string owner, bool versioning, CancellationToken cancellationToken)
    {
        var block = (await Absent("GetPublicAccessBlock", "NoSuchPublicAccessBlockConfiguration", () => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken)))
            ?.PublicAccessBlockConfiguration;
        var encryption = (await Absent("GetBucketEncryption", "ServerSideEncryptionConfigurationNotFoundError", () => s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken)))
            ?.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules?.FirstOrDefault()?.ServerSideEncryptionByDefault?.ServerSideEncryptionAlgorithm?.Value;
        var versioned = (await Labelled("GetBucketVersioning", () => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken)))
            .VersioningConfig?.Status == VersionStatus.Enabled;
        var policy = (await Absent("GetBucketPolicy", "NoSuchBucketPolicy", () => s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken)))?.Policy;
        var ownership = (await Absent("GetBucketOwnershipControls", "OwnershipControlsNotFoundError", () => s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken)))
            ?.OwnershipControls?.Rules?.FirstOrDefault()?.ObjectOwnership?.Value;
        var blocked = block is { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
        return ExpectedPosture.ReadAs(ExpectedPosture.S3(versioning), new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [PostureSettings.S3.BlockPublicAccess] = Bool(blocked),
            [PostureSettings.S3.DefaultEncryption] = encryption ?? "none",
            [PostureSettings.S3.Versioning] = Bool(versioned),
            [PostureSettings.S3.TlsOnlyPolicy] = Bool(DeniesInsecureTransport(policy)),
            [PostureSettings.S3.ObjectOwnership] = ownership ?? "none",
        });
    }

    /// <summary>Versioning off as the spec asked: a bucket whose versioning was turned on behind the service's back is suspended (S3 cannot turn it off).</summary>
    public static async Task SuspendVersioningIfEnabledAsync(IAmazonS3 s3, string bucket, string owner, CancellationToken cancellationToken)
    {
        var status = (await Labelled("GetBucketVersioning", () => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket, ExpectedBucketOwner = owner }, cancellationToken)))
            .VersioningConfig?.Status;
        if (status == VersionStatus.Enabled)
        {
            await Labelled("PutBucketVersioning", () => s3.PutBucketVersioningAsync(
                new PutBucketVersioningRequest { BucketName = bucket, ExpectedBucketOwner = owner, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended } },
                cancellationToken));
        }
    }

    /// <summary>Runs one S3 read; the error code that means "this configuration is not set" answers null.</summary>
    private static async Task<T?> Absent<T>(string operation, string notSetCode, Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == notSetCode)
        {
            return null;
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, operation);
        }
    }

    public static IReadOnlyDictionary<string, string> Outputs(string bucket, string region) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ResourceOutputs.S3.Bucket] = bucket,
        [ResourceOutputs.S3.Arn] = $"arn:aws:s3:::{bucket}",
        [ResourceOutputs.S3.RegionalDomainName] = $"{bucket}.s3.{region}.amazonaws.com",
    };

    public static string TlsOnlyPolicy(string bucket) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new
            {
                Sid = DenyInsecureTransportSid,
                Effect = "Deny",
                Principal = "*",
                Action = "s3:*",
                Resource = new[] { $"arn:aws:s3:::{bucket}", $"arn:aws:s3:::{bucket}/*" },
                Condition = new { Bool = new Dictionary<string, string> { ["aws:SecureTransport"] = "false" } },
            },
        },
    });

    /// <summary>True when the policy has a Deny of every S3 action on the condition <c>aws:SecureTransport = false</c>.</summary>
    public static bool DeniesInsecureTransport(string? policy)
    {
        if (string.IsNullOrEmpty(policy))
        {
            return false;
        }

        using var document = JsonDocument.Parse(policy);
        if (!document.RootElement.TryGetProperty("Statement", out var statements))
        {
            return false;
        }

        var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
        return list.Any(statement =>
            statement.TryGetProperty("Effect", out var effect) && effect.GetString() == "Deny"
            && statement.TryGetProperty("Action", out var action) && Strings(action).Contains("s3:*")
            && statement.TryGetProperty("Condition", out var condition)
            && condition.TryGetProperty("Bool", out var boolean)
            && boolean.TryGetProperty("aws:SecureTransport", out var secure)
            && Strings(secure).Contains("false"));
    }

    private static List<string?> Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray().Select(e => e.GetString())] : [element.GetString()];

    /// <summary>Runs one S3 call, and turns its refusal into the failure of that operation.</summary>
    public static async Task<T> Labelled<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception exception)
        {
            throw AwsErrors.Classify(exception, operation);
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
