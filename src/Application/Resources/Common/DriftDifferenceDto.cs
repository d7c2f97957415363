namespace Orchestrator.Application.Resources.Common;

/// <summary>One difference: <c>exists</c>, <c>tags.&lt;key&gt;</c> or <c>posture.&lt;setting&gt;</c>, as recorded and as the cloud has it (null: absent).</summary>
public sealed record DriftDifferenceDto
{
    public string Field { get; init; } = string.Empty;

    public string? Expected { get; init; }

    public string? Actual { get; init; }
}
