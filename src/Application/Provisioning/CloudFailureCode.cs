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

    public static readonly IReadOnlyList<string> All =
    [
        AccessDenied, ImageNotFound, InvalidInstanceType, InvalidRequest, NameTaken, LimitExceeded,
        Unavailable, BucketNotEmpty, PlacementMissing, Internal,
    ];

    /// <summary>Codes of a creation that left nothing of the service's in the cloud (the name is another account's, or nothing was sent): its delete calls nothing.</summary>
    public static bool LeftNothingInTheCloud(string? code) => code is NameTaken or PlacementMissing;
}
