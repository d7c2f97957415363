namespace Orchestrator.Application.Resources.Common;

/// <summary>How the resource compared with the cloud at its last drift check: <c>in-sync</c>, <c>drifted</c> or <c>unknown</c> (not checked yet).</summary>
public sealed record ResourceDriftDto
{
    public static readonly ResourceDriftDto Unknown = new();

    public string State { get; init; } = "unknown";

    public DateTimeOffset? CheckedAt { get; init; }

    public IReadOnlyList<DriftDifferenceDto> Differences { get; init; } = [];
}
