using System.Data.SqlTypes;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>The production provider, selected by <c>Database:Provider = SqlServer</c>.</summary>
/// <remarks>One constructor taking only its options, so that the context can be pooled.</remarks>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    // A uniqueidentifier sorts by its last six bytes first (SqlGuid's comparison), not as Guid compares.
    private static readonly IComparer<Guid> UniqueidentifierOrder = Comparer<Guid>.Create(static (a, b) => new SqlGuid(a).CompareTo(new SqlGuid(b)));

    public override IComparer<Guid> IdOrder => UniqueidentifierOrder;

    // 2601: duplicate key in a unique index; 2627: unique constraint violation.
    public override bool IsUniqueConstraintViolation(DbUpdateException exception) =>
        exception.InnerException is SqlException { Number: 2601 or 2627 };
}
