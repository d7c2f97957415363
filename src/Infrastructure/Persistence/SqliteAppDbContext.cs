using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>The embedded default: a SQLite file under the data directory.</summary>
/// <remarks>One constructor taking only its options, so that the context can be pooled.</remarks>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    private const int SqliteConstraintError = 19;

    private SqliteWriterTurns? _writerTurns;
    private SqliteGroupCommit? _groupCommit;

    // A Guid is stored as its upper-case text, compared byte by byte: the order of Guid's own comparison, field by field.
    public override IComparer<Guid> IdOrder => Comparer<Guid>.Default;

    public override bool IsUniqueConstraintViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraintError };

    // SQLite takes one writer at a time: this process's writers queue for it instead of polling its lock.
    protected override async Task<IDisposable?> TakeWriterTurnAsync(CancellationToken cancellationToken) =>
        await (_writerTurns ??= SqliteWriterTurns.For(Database.GetConnectionString()!)).TakeAsync(cancellationToken);

    // Saves that arrive while another is written share its commit (docs/decisions/0047-group-commit.md).
    protected override Task<int> SaveInWriteTransactionAsync(Func<CancellationToken, Task>? beforeCommit, CancellationToken cancellationToken) =>
        SqliteGroupCommit.CanJoin(this)
            ? (_groupCommit ??= SqliteGroupCommit.For(Database.GetConnectionString()!)).SaveAsync(this, beforeCommit, cancellationToken)
            : base.SaveInWriteTransactionAsync(beforeCommit, cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-offset type and cannot order by EF's text form; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
