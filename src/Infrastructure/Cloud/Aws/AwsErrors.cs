using System.Net;
using Amazon.Runtime;
using Orchestrator.Application.Provisioning;

namespace Orchestrator.Infrastructure.Cloud.Aws;

/// <summary>Sorts AWS errors into "try again later" (throttling, 5xx) and "refused for good" (everything else the caller sent).</summary>
internal static class AwsErrors
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "RequestLimitExceeded", "TooManyRequestsException", "SlowDown", "ProvisionedThroughputExceededException",
        "BandwidthLimitExceeded", "PriorRequestNotComplete", "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
        "InsufficientInstanceCapacity", "InternalError", "InternalFailure", "ServiceUnavailable",
    };

    public static bool IsTransient(string? code, HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (code is not null && ThrottlingCodes.Contains(code));

    /// <summary>Rethrows transient errors as they are (the job retries them) and turns the rest into a permanent failure.</summary>
    public static Exception Classify(AmazonServiceException exception, string operation) =>
        IsTransient(exception.ErrorCode, exception.StatusCode)
            ? exception
            : new CloudOperationFailedException($"AWS refused {operation}: {exception.ErrorCode}: {exception.Message}", exception);
}
