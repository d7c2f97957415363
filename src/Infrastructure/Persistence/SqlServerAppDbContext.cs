using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Infrastructure.Encryption;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>The production provider, selected by <c>Database:Provider = SqlServer</c>.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, IFieldEncryptor fieldEncryptor) : AppDbContext(options, fieldEncryptor)
{
    // 2601: duplicate key in a unique index; 2627: unique constraint violation.
    public override bool IsUniqueConstraintViolation(DbUpdateException exception) =>
        exception.InnerException is SqlException { Number: 2601 or 2627 };
}
