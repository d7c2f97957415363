namespace Orchestrator.Application.Common.Exceptions;

/// <summary>422: the cloud provider has no network placement configured for the requested type and region.</summary>
public sealed class PlacementMissingException : Exception
{
    public PlacementMissingException()
    {
    }

    public PlacementMissingException(string message)
        : base(message)
    {
    }

    public PlacementMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
