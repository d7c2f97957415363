namespace Orchestrator.Application.Provisioning;

/// <summary>
/// The closed vocabulary of a failed resource's <c>failureCode</c>; each code has one owner-facing
/// sentence, and the raw provider answer goes only to the log.
/// </summary>
public static class CloudFailureCode
{
    public const string AccessDenied = "cloud.access-denied";
    public const string ImageNotFound = "cloud.image-not-found";
    public const string InvalidInstanceType = "cloud.invalid-instance-type";
    public const string InvalidRequest = "cloud.invalid-request";
    public const string NameTaken = "cloud.name-taken";
    public const string LimitExceeded = "cloud.limit-exceeded";
    public const string Unavailable = "cloud.unavailable";
    public const string BucketNotEmpty = "cloud.bucket-not-empty";
    public const string PlacementMissing = "cloud.placement-missing";
    public const string Internal = "internal";
}
