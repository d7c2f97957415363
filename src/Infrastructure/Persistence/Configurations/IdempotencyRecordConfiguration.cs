using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Idempotency;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");

        // One row per (user, key): the key is what makes a concurrent duplicate fail instead of creating twice.
        builder.HasKey(r => new { r.OwnerId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();

        // The retention purge deletes the oldest first.
        builder.HasIndex(r => r.CreatedAt);
    }
}
