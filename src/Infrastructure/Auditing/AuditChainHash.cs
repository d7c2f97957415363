using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Infrastructure.Auditing;

/// <summary>
/// The audit chain's hash: SHA-256 over a fixed encoding of the sequence, the previous hash and every field the
/// API shows, so anyone holding an export can recompute it (the encoding is spelt out in docs/operating.md and
/// docs/decisions/0034-audit-chain-and-kms.md).
/// </summary>
/// <remarks>
/// Each field is written as its UTF-8 byte length, a colon, the value and a line feed; a missing value is a
/// hyphen and a line feed. The length prefix keeps two different events from encoding to the same bytes.
/// </remarks>
public static class AuditChainHash
{
    public const int Length = 64;

    /// <summary>The previous hash of the first event.</summary>
    public static readonly string Genesis = new('0', Length);

    public static string Compute(long sequence, string previousHash, AuditEvent auditEvent) => Compute(
        sequence, previousHash, auditEvent.Id, auditEvent.OccurredAt, auditEvent.UserId, auditEvent.Action, auditEvent.ResourceId,
        OutcomeText(auditEvent.Outcome), auditEvent.ClientIp, auditEvent.CorrelationId, auditEvent.Details);

    public static string Compute(
        long sequence,
        string previousHash,
        Guid id,
        DateTimeOffset occurredAt,
        Guid? userId,
        string action,
        Guid? resourceId,
        string outcome,
        string? clientIp,
        string? correlationId,
        string details)
    {
        var content = new StringBuilder(256);
        Append(content, sequence.ToString(CultureInfo.InvariantCulture));
        Append(content, previousHash);
        Append(content, GuidText(id));
        Append(content, TimeText(occurredAt));
        Append(content, userId is { } user ? GuidText(user) : null);
        Append(content, action);
        Append(content, resourceId is { } resource ? GuidText(resource) : null);
        Append(content, outcome);
        Append(content, clientIp);
        Append(content, correlationId);
        Append(content, details);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }

    /// <summary>The outcome as the API shows it.</summary>
    public static string OutcomeText(AuditOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>UTC to the 100 microseconds, the finest both providers keep (SQLite stores the time as packed ticks).</summary>
    public static string TimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffff'Z'", CultureInfo.InvariantCulture);

    private static string GuidText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder content, string? value)
    {
        if (value is null)
        {
            content.Append("-\n");
            return;
        }

        content.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
    }
}
