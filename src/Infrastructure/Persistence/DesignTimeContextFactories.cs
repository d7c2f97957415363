using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design-time.db").UseFieldEncryption(new DesignTimeFieldEncryptor()).Options);
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context; no server is contacted to add migrations or script them.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=localhost;Database=Orchestrator;Integrated Security=true;TrustServerCertificate=true")
            .UseFieldEncryption(new DesignTimeFieldEncryptor())
            .Options);
}
