using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Orchestrator.Infrastructure.Encryption;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.IntegrationTests.Persistence;

/// <summary>A test-only context that opts its properties into encryption exactly as the service's configurations do.</summary>
public sealed class SensitiveNotesContext(string file, IFieldEncryptor fieldEncryptor) : DbContext, IFieldEncryptingContext
{
    public IFieldEncryptor FieldEncryptor { get; } = fieldEncryptor;

    public DbSet<SensitiveNote> Notes => Set<SensitiveNote>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite($"Data Source={file}")
            .ReplaceService<IModelCacheKeyFactory, FieldEncryptionModelCacheKeyFactory>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SensitiveNote>(note =>
        {
            note.Property(n => n.Secret).IsEncrypted();
            note.Property(n => n.OptionalSecret).IsEncrypted();
        });
        modelBuilder.UseFieldEncryption(FieldEncryptor);
    }
}
