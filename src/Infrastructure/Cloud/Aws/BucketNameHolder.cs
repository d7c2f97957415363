namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>Who holds a bucket name, as far as <see cref="BucketNameOwnership"/> could prove.</summary>
internal enum BucketNameHolder
{
    /// <summary>Nothing proven: no bucket, or the service may not look (an IAM refusal stays an IAM refusal).</summary>
    Unknown,

    /// <summary>A bucket of the service's own account.</summary>
    ThisAccount,

    /// <summary>A bucket of another account: nothing of the service's exists under the name.</summary>
    AnotherAccount,
}
