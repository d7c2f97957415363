namespace Orchestrator.Application.Provisioning;

/// <summary>Where a cloud operation stands: finished, or still running (look again later).</summary>
public sealed record CloudProgress(bool IsDone, string? ProviderId)
{
    public static CloudProgress Done(string? providerId) => new(true, providerId);

    public static CloudProgress InProgress(string? providerId) => new(false, providerId);
}
