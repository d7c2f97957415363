using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Audit;
using Orchestrator.Infrastructure.Auditing;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        // Triggers keep the events counted per hour and per user; declared so that EF writes the table without
        // RETURNING/OUTPUT.
        builder.ToTable("AuditEvents", table =>
        {
            table.HasTrigger(AuditHourCountConfiguration.InsertTrigger);
            table.HasTrigger(AuditHourCountConfiguration.UpdateTrigger);
            table.HasTrigger(AuditHourCountConfiguration.DeleteTrigger);
            table.HasTrigger(AuditUserCountConfiguration.InsertTrigger);
            table.HasTrigger(AuditUserCountConfiguration.UpdateTrigger);
            table.HasTrigger(AuditUserCountConfiguration.DeleteTrigger);
        });
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ClientIp).HasMaxLength(64);
        builder.Property(e => e.CorrelationId).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(AuditEvent.MaxDetailsLength).IsRequired();
        builder.Property(e => e.PreviousHash).HasMaxLength(AuditChainHash.Length);
        builder.Property(e => e.Hash).HasMaxLength(AuditChainHash.Length);
        builder.HasIndex(e => e.ChainSequence).IsUnique();

        // Each filter of the list, then the list's order (newest first, id as tie-break): a page, a cursor page and a
        // count are a range of one index, without a sort (docs/decisions/0035-keyset-pagination-and-covering-indexes.md).
        builder.HasIndex(e => new { e.OccurredAt, e.Id });
        builder.HasIndex(e => new { e.UserId, e.OccurredAt, e.Id });
        builder.HasIndex(e => new { e.ResourceId, e.OccurredAt, e.Id });
        builder.HasIndex(e => new { e.Action, e.OccurredAt, e.Id });
    }
}
