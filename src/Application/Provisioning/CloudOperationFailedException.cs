namespace Orchestrator.Application.Provisioning;

/// <summary>The cloud refused the operation for good (bad image, bucket not empty...); retrying cannot help.</summary>
/// <remarks>The message becomes the resource's <c>statusReason</c>: it must say what to do and carry no secret.</remarks>
public sealed class CloudOperationFailedException : Exception
{
    public CloudOperationFailedException()
    {
    }

    public CloudOperationFailedException(string message)
        : base(message)
    {
    }

    public CloudOperationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
