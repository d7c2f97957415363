namespace Orchestrator.Application.Common.Concurrency;

/// <summary>
/// Declares that a request answers 409 when the resource is not in a state it applies to, with the description the
/// API document gives that answer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StateConflictAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
