namespace Orchestrator.Domain.Resources;

/// <summary>One security setting enforced on a resource: the value it must have, and the value the cloud last reported (null before it did).</summary>
public sealed record PostureReading(string Setting, string Expected, string? Actual);
