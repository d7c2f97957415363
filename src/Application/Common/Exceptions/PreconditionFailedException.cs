namespace Orchestrator.Application.Common.Exceptions;

/// <summary>412: the client's If-Match no longer matches the stored version.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);
