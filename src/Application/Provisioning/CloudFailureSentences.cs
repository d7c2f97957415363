namespace Orchestrator.Application.Provisioning;

/// <summary>
/// The owner-facing sentence of each <see cref="CloudFailureCode"/>: it names the operation that failed and
/// what to do, and never carries provider text (docs/cloud-failures.md lists them).
/// </summary>
public static class CloudFailureSentences
{
    /// <summary>The sentence for <paramref name="failureCode"/> about <paramref name="operation"/> (an AWS API name, or empty).</summary>
    public static string For(string failureCode, string operation)
    {
        var call = string.IsNullOrEmpty(operation) ? "the cloud call" : operation;
        return failureCode switch
        {
            CloudFailureCode.AccessDenied =>
                $"AWS denied {call} to the service's credentials. Ask your operator to allow {call} in the service's IAM policy, then delete this resource and create it again.",
            CloudFailureCode.ImageNotFound =>
                $"AWS {call} found no such image in this region. Name an image that exists in the resource's region (or leave imageId out for the default), then create the resource again.",
            CloudFailureCode.InvalidInstanceType =>
                $"AWS {call} refused the instance type: it is not offered in this region or not with this image. Choose another instance type, then create the resource again.",
            CloudFailureCode.InvalidRequest =>
                $"AWS {call} refused the request as invalid. Check the resource's settings, then create it again; if they look right, give your operator this resource's id.",
            CloudFailureCode.NameTaken =>
                $"AWS {call} refused the name: another account already owns a bucket with it (bucket names are global). Delete this resource and create one with a different name.",
            CloudFailureCode.LimitExceeded =>
                $"AWS {call} refused: the account reached a limit or quota for this kind of resource in this region. Delete what you no longer need or ask your operator to raise the quota, then try again.",
            CloudFailureCode.Unavailable =>
                $"AWS did not complete {call}: it kept throttling or did not answer, and the service gave up retrying. Nothing is wrong with the request: try again later.",
            CloudFailureCode.BucketNotEmpty =>
                $"AWS {call} refused: the bucket still holds objects, and the service never deletes data. Empty the bucket (every object and object version), then delete the resource again.",
            CloudFailureCode.PlacementMissing =>
                $"The service has no network placement for this region, so {call} was not sent. Choose another region, or ask your operator to configure the region's subnets and security groups.",
            _ =>
                $"The service failed unexpectedly while running {call}. Give your operator this resource's id; the details are in the service's log.",
        };
    }

    /// <summary>A permanent failure with its code, its operation and its sentence; <paramref name="inner"/> (the provider's answer) is for the log only.</summary>
    public static CloudOperationFailedException Failure(string failureCode, string operation, Exception? inner = null) =>
        new(failureCode, operation, For(failureCode, operation), inner);
}
