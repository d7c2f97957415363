namespace Orchestrator.Application.Provisioning;

/// <summary>
/// The cloud could not do the operation now (throttled, unavailable, timed out); the job retries it, and a
/// job that runs out of attempts fails the resource with <see cref="CloudFailureCode.Unavailable"/> naming
/// <see cref="Operation"/>. The provider's answer stays in <see cref="Exception.InnerException"/>, for the log.
/// </summary>
public sealed class CloudTransientException : Exception
{
    public CloudTransientException()
        : this(string.Empty, "The cloud could not do the operation now.")
    {
    }

    public CloudTransientException(string message)
        : this(string.Empty, message)
    {
    }

    public CloudTransientException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    public CloudTransientException(string operation, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
    }

    /// <summary>The provider operation that could not be done (<c>DescribeDBInstances</c>...), empty when unknown.</summary>
    public string Operation { get; }
}
