namespace Orchestrator.Application.Common.Exceptions;

/// <summary>403: the caller is known but may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
