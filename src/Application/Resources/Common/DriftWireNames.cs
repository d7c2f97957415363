using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Resources.Common;

/// <summary>The drift states on the wire ("in-sync", "drifted", "unknown") and the wire form of a stored check.</summary>
public static class DriftWireNames
{
    public static readonly IReadOnlyList<string> States = ["in-sync", "drifted", "unknown"];

    public static string Of(DriftState state) => state switch
    {
        DriftState.InSync => "in-sync",
        DriftState.Drifted => "drifted",
        _ => "unknown",
    };

    public static ResourceDriftDto Dto(ResourceDrift? drift) => drift is null
        ? ResourceDriftDto.Unknown
        : new ResourceDriftDto
        {
            State = Of(drift.State),
            CheckedAt = drift.CheckedAt,
            Differences = [.. drift.Differences.Select(d => new DriftDifferenceDto { Field = d.Field, Expected = d.Expected, Actual = d.Actual })],
        };
}
