namespace Orchestrator.Application.Provisioning;

/// <summary>One security setting the service enforces on a resource type: what it must be, and what the cloud last said it is.</summary>
public sealed record PostureSetting(string Setting, string Expected, string? Actual);
