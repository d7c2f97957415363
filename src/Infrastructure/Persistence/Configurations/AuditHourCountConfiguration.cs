using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class AuditHourCountConfiguration : IEntityTypeConfiguration<AuditHourCount>
{
    public const string Table = "AuditHourCounts";

    /// <summary>The triggers on <c>AuditEvents</c> that keep the counts (each migration set writes them in its own SQL).</summary>
    public const string InsertTrigger = "TR_AuditEvents_HourCounts_Insert";

    public const string UpdateTrigger = "TR_AuditEvents_HourCounts_Update";

    public const string DeleteTrigger = "TR_AuditEvents_HourCounts_Delete";

    public void Configure(EntityTypeBuilder<AuditHourCount> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => new { c.Hour, c.Slot });
        builder.Property(c => c.Slot).ValueGeneratedNever();
    }
}
