namespace Orchestrator.Application.Provisioning;

/// <summary>
/// Where a cloud operation stands: finished, or still running (look again later). A finished creation
/// also reports what the owner needs to use the resource (<see cref="Outputs"/>, never a secret) and
/// its security settings as read back from the cloud (<see cref="Posture"/>).
/// </summary>
public sealed record CloudProgress(
    bool IsDone,
    string? ProviderId,
    IReadOnlyDictionary<string, string>? Outputs = null,
    IReadOnlyList<PostureSetting>? Posture = null)
{
    public static CloudProgress Done(string? providerId) => new(true, providerId);

    public static CloudProgress Created(string providerId, IReadOnlyDictionary<string, string> outputs, IReadOnlyList<PostureSetting> posture) =>
        new(true, providerId, outputs, posture);

    public static CloudProgress InProgress(string? providerId) => new(false, providerId);
}
