namespace Orchestrator.Application.Provisioning;

/// <summary>The cloud refused the operation for good (bad image, bucket not empty...); retrying cannot help.</summary>
/// <remarks>
/// <see cref="FailureCode"/> is one of <see cref="CloudFailureCode"/>; the message becomes the resource's
/// <c>statusReason</c>: a sentence for the owner naming <see cref="Operation"/> and what to do, never an
/// account id, ARN, endpoint, exception type or raw provider text (those go to the log from <see cref="Exception.InnerException"/>).
/// </remarks>
public sealed class CloudOperationFailedException : Exception
{
    public CloudOperationFailedException()
        : this(CloudFailureCode.Internal, string.Empty, "The cloud operation failed.")
    {
    }

    public CloudOperationFailedException(string message)
        : this(CloudFailureCode.Internal, string.Empty, message)
    {
    }

    public CloudOperationFailedException(string message, Exception innerException)
        : this(CloudFailureCode.Internal, string.Empty, message, innerException)
    {
    }

    public CloudOperationFailedException(string failureCode, string operation, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FailureCode = failureCode;
        Operation = operation;
    }

    /// <summary>One of <see cref="CloudFailureCode"/>.</summary>
    public string FailureCode { get; }

    /// <summary>The provider operation that really failed (<c>RunInstances</c>, <c>CreateBucket</c>...), empty when none did.</summary>
    public string Operation { get; }
}
