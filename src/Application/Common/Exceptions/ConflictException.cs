namespace Orchestrator.Application.Common.Exceptions;

/// <summary>409: the request clashes with the current state (a taken username, a resource being deleted).</summary>
public sealed class ConflictException(string message) : Exception(message);
