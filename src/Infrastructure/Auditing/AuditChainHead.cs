namespace Orchestrator.Infrastructure.Auditing;

/// <summary>
/// The one row naming the audit chain's last link. Every writer updates it first in its transaction, so
/// writers (also in other processes) take turns and the chain never forks.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; private set; }

    public long LastSequence { get; private set; }

    public string LastHash { get; private set; } = AuditChainHash.Genesis;

    internal static AuditChainHead Seed() => new() { Id = SingletonId, LastSequence = 0, LastHash = AuditChainHash.Genesis };
}
