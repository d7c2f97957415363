using Orchestrator.Domain.Resources;

namespace Orchestrator.Application.Drift;

/// <summary>An active resource whose drift check is due: what the worker needs to charge its region's budget before claiming it.</summary>
public sealed record DueDriftCheck(Guid ResourceId, ResourceType Type, string Region);
