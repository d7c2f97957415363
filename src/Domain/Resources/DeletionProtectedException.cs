namespace Orchestrator.Domain.Resources;

/// <summary>A delete of a resource whose deletion protection is on; the message says how to lift it.</summary>
public sealed class DeletionProtectedException : Exception
{
    public DeletionProtectedException()
        : this("Deletion protection is on for this resource.")
    {
    }

    public DeletionProtectedException(Guid resourceId)
        : this($"Deletion protection is on for this resource. To delete it, turn it off first: PATCH /api/v1/resources/{resourceId} with the body {{\"deletionProtection\": false}} (permission: update), then send the DELETE again.")
    {
    }

    public DeletionProtectedException(string message)
        : base(message)
    {
    }

    public DeletionProtectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
