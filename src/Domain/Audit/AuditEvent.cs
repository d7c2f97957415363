namespace Orchestrator.Domain.Audit;

/// <summary>
/// One append-only audit record: who did what to which resource, from where, with what outcome.
/// Never holds a password, token or secret.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The acting user; null for the service itself (background work) or an unidentified caller.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>What happened, such as <c>resource.created</c> or <c>access.denied</c>.</summary>
    public string Action { get; private set; } = string.Empty;

    public Guid? ResourceId { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    public string? ClientIp { get; private set; }

    public string? CorrelationId { get; private set; }

    public string Details { get; private set; } = string.Empty;

    /// <summary>The event's place in the audit hash chain (1, 2, ...); see docs/decisions/0034-audit-chain-and-kms.md.</summary>
    public long? ChainSequence { get; private set; }

    /// <summary>The hash of the event before it in the chain (64 zeros for the first).</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>SHA-256 (lower-case hex) over the previous hash and this event's content.</summary>
    public string? Hash { get; private set; }

    /// <summary>Links the event into the chain; done by the persistence layer while it holds the chain head.</summary>
    public void LinkIntoChain(long sequence, string previousHash, string hash)
    {
        ChainSequence = sequence;
        PreviousHash = previousHash;
        Hash = hash;
    }

    public static AuditEvent Create(
        DateTimeOffset occurredAt,
        Guid? userId,
        string action,
        Guid? resourceId,
        AuditOutcome outcome,
        string? clientIp,
        string? correlationId,
        string details) => new()
        {
            Id = Guid.CreateVersion7(occurredAt),
            // UTC, so that the log's time order is the order of its stored values and each event falls in one UTC hour.
            OccurredAt = occurredAt.ToUniversalTime(),
            UserId = userId,
            Action = action,
            ResourceId = resourceId,
            Outcome = outcome,
            ClientIp = clientIp,
            CorrelationId = correlationId,
            Details = details.Length > MaxDetailsLength ? details[..MaxDetailsLength] : details,
        };

    public const int MaxDetailsLength = 512;
}
