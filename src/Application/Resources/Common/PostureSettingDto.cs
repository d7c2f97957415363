namespace Orchestrator.Application.Resources.Common;

/// <summary>One enforced security setting on the wire: what it must be, and what the cloud last said it is (null before it was read).</summary>
public sealed record PostureSettingDto
{
    public string Setting { get; init; } = string.Empty;

    public string Expected { get; init; } = string.Empty;

    public string? Actual { get; init; }
}
