using System.Net;
using Amazon.Runtime;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>
/// Sorts AWS errors into "try again later" (throttling, 5xx) and "refused for good", and names a refusal with
/// one of <see cref="CloudFailureCode"/>: the owner sees the code and its sentence, the log the AWS answer.
/// </summary>
internal static class AwsErrors
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "RequestLimitExceeded", "TooManyRequestsException", "SlowDown", "ProvisionedThroughputExceededException",
        "BandwidthLimitExceeded", "PriorRequestNotComplete", "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
        "InsufficientInstanceCapacity", "InternalError", "InternalFailure", "ServiceUnavailable",
    };

    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthFailure",
        "InvalidClientTokenId", "SignatureDoesNotMatch", "OptInRequired", "Blocked", "AllAccessDisabled",
        "InvalidAccessKeyId", "KMSKeyNotAccessibleFault",
    };

    private static readonly HashSet<string> ImageNotFoundCodes = new(StringComparer.Ordinal)
    {
        "InvalidAMIID.NotFound", "InvalidAMIID.Malformed", "InvalidAMIID.Unavailable", "InvalidAMIName.NotFound",
    };

    private static readonly HashSet<string> InstanceTypeCodes = new(StringComparer.Ordinal)
    {
        "InvalidInstanceType", "Unsupported", "UnsupportedOperation", "InvalidParameterCombination.InstanceType",
        "InvalidDBInstanceClass", "StorageTypeNotSupported", "InsufficientDBInstanceCapacity",
    };

    private static readonly HashSet<string> NameTakenCodes = new(StringComparer.Ordinal)
    {
        "BucketAlreadyExists",
    };

    public static bool IsTransient(string? code, HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (code is not null && ThrottlingCodes.Contains(code));

    /// <summary>The failure code of a refusal with this AWS error code.</summary>
    public static string FailureCodeOf(string? code, HttpStatusCode status)
    {
        if (code is null or "")
        {
            return status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized ? CloudFailureCode.AccessDenied : CloudFailureCode.InvalidRequest;
        }

        if (AccessDeniedCodes.Contains(code))
        {
            return CloudFailureCode.AccessDenied;
        }

        if (ImageNotFoundCodes.Contains(code) || code.StartsWith("InvalidAMIID.", StringComparison.Ordinal))
        {
            return CloudFailureCode.ImageNotFound;
        }

        if (InstanceTypeCodes.Contains(code))
        {
            return CloudFailureCode.InvalidInstanceType;
        }

        if (NameTakenCodes.Contains(code))
        {
            return CloudFailureCode.NameTaken;
        }

        if (code == "BucketNotEmpty")
        {
            return CloudFailureCode.BucketNotEmpty;
        }

        if (code.EndsWith("LimitExceeded", StringComparison.Ordinal) || code.EndsWith("QuotaExceeded", StringComparison.Ordinal)
            || code.Contains("QuotaExceeded", StringComparison.Ordinal) || code.Contains("LimitExceeded", StringComparison.Ordinal)
            || code is "TooManyBuckets" or "InstanceLimitExceeded" or "VcpuLimitExceeded")
        {
            return CloudFailureCode.LimitExceeded;
        }

        return status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized ? CloudFailureCode.AccessDenied : CloudFailureCode.InvalidRequest;
    }

    /// <summary>
    /// A transient error as <see cref="CloudTransientException"/> (the job retries it), anything else as a permanent
    /// failure with its code and the owner's sentence; the AWS answer rides along as the inner exception, for the log.
    /// </summary>
    public static Exception Classify(AmazonServiceException exception, string operation) =>
        Classify(exception.ErrorCode, exception.StatusCode, operation, exception);

    public static Exception Classify(string? code, HttpStatusCode status, string operation, Exception exception) =>
        IsTransient(code, status)
            ? new CloudTransientException(operation, $"AWS could not do {operation} now.", exception)
            : CloudFailureSentences.Failure(FailureCodeOf(code, status), operation, exception);

    /// <summary>A refusal with a known code (no AWS error code to map), the provider's answer kept for the log.</summary>
    public static CloudOperationFailedException Refused(string failureCode, string operation, Exception? exception = null) =>
        CloudFailureSentences.Failure(failureCode, operation, exception);
}
