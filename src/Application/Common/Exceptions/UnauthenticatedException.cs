namespace Orchestrator.Application.Common.Exceptions;

/// <summary>401: the request needs a signed-in user and has none.</summary>
public sealed class UnauthenticatedException() : Exception("Authentication is required.");
