namespace Orchestrator.Domain.Idempotency;

/// <summary>Remembers which resource a client's Idempotency-Key created, and a hash of the body it came with.</summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public Guid OwnerId { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public string RequestHash { get; private set; } = string.Empty;

    public Guid ResourceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static IdempotencyRecord Create(Guid ownerId, string key, string requestHash, Guid resourceId, DateTimeOffset now) => new()
    {
        OwnerId = ownerId,
        Key = key,
        RequestHash = requestHash,
        ResourceId = resourceId,
        CreatedAt = now,
    };

    public bool IsExpired(DateTimeOffset now, TimeSpan retention) => now - CreatedAt >= retention;

    public void Reuse(string requestHash, Guid resourceId, DateTimeOffset now)
    {
        RequestHash = requestHash;
        ResourceId = resourceId;
        CreatedAt = now;
    }
}
