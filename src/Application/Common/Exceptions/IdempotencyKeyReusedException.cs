namespace Orchestrator.Application.Common.Exceptions;

/// <summary>422: an Idempotency-Key came back with a different request body.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used with a different request body.");
