namespace Orchestrator.Infrastructure.Auditing;

/// <summary>The statements on the chain head, plain SQL that SQLite and SQL Server both run.</summary>
internal static class AuditChainSql
{
    public const string HeadTable = "AuditChainHead";

    /// <summary>
    /// The no-op update comes first: it takes the write lock (SQLite) or the row's exclusive lock (SQL Server, like
    /// UPDLOCK) until the transaction ends, so the head read after it cannot change under the writer.
    /// </summary>
    public const string LockAndReadHead =
        "UPDATE AuditChainHead SET LastSequence = LastSequence WHERE Id = 1; SELECT LastSequence, LastHash FROM AuditChainHead WHERE Id = 1;";

    public const string LockHead = "UPDATE AuditChainHead SET LastSequence = LastSequence WHERE Id = 1;";

    public const string MoveHead = "UPDATE AuditChainHead SET LastSequence = @sequence, LastHash = @hash WHERE Id = 1;";
}
