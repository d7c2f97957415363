namespace Orchestrator.Application.Common.Exceptions;

/// <summary>428: a change that must name the version it was made from came without If-Match (RFC 6585).</summary>
public sealed class PreconditionRequiredException(string message) : Exception(message);
