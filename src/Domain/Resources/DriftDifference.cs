namespace Orchestrator.Domain.Resources;

/// <summary>
/// One way the cloud resource differs from the record: <c>exists</c>, <c>tags.&lt;key&gt;</c> or <c>posture.&lt;setting&gt;</c>,
/// with the recorded value and the cloud's (null for a tag missing on one side).
/// </summary>
public sealed record DriftDifference(string Field, string? Expected, string? Actual);
