namespace Orchestrator.Application.Common.Idempotency;

/// <summary>A request that a client may retry with an <c>Idempotency-Key</c> and get the first answer again.</summary>
public interface IIdempotentRequest
{
    string? IdempotencyKey { get; }
}

/// <summary>
/// Looks up the answer an earlier request with the same key gave (or throws when the key came with a
/// different body). One per idempotent request type, in that request's feature folder.
/// </summary>
public interface IIdempotentReplayer<in TRequest, TResponse>
{
    /// <summary>The earlier answer, or null when this key has not been seen (or has expired).</summary>
    ValueTask<TResponse?> TryReplayAsync(TRequest request, CancellationToken cancellationToken);
}
