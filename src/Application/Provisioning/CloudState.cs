namespace Orchestrator.Application.Provisioning;

/// <summary>A cloud resource as described now: whether it exists, its tags (AWS's own <c>aws:</c> tags left out) and its enforced settings.</summary>
public sealed record CloudState(bool Exists, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<PostureSetting> Posture)
{
    public static readonly CloudState Missing = new(false, new Dictionary<string, string>(StringComparer.Ordinal), []);
}
