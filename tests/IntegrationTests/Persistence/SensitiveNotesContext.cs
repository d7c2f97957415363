using Microsoft.EntityFrameworkCore;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>A test-only context that opts its properties into encryption exactly as the service's configurations do.</summary>
public sealed class SensitiveNotesContext(string file, IFieldEncryptor fieldEncryptor) : DbContext
{
    public DbSet<SensitiveNote> Notes => Set<SensitiveNote>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite($"Data Source={file}").UseFieldEncryption(fieldEncryptor);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SensitiveNote>(note =>
        {
            note.Property(n => n.Id).ValueGeneratedNever();
            note.Property(n => n.Secret).IsEncrypted();
            note.Property(n => n.OptionalSecret).IsEncrypted();
        });
        modelBuilder.UseFieldEncryption();
    }
}
