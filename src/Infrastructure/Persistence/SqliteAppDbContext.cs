using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>The embedded default: a SQLite file under the data directory.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, IFieldEncryptor fieldEncryptor) : AppDbContext(options, fieldEncryptor)
{
    private const int SqliteConstraintError = 19;

    public override bool IsUniqueConstraintViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraintError };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-offset type and cannot order by EF's text form; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
