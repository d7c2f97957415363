using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Infrastructure.Auditing;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable(AuditChainSql.HeadTable);
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(AuditChainHash.Length).IsRequired();

        // The row exists from the migration on, so a writer only ever updates (and so locks) it.
        builder.HasData(AuditChainHead.Seed());
    }
}
