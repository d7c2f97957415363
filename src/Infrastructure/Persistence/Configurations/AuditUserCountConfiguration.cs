using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Audit;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class AuditUserCountConfiguration : IEntityTypeConfiguration<AuditUserCount>
{
    public const string Table = "AuditUserCounts";

    /// <summary>The triggers on <c>AuditEvents</c> that keep the counts (each migration set writes them in its own SQL).</summary>
    public const string InsertTrigger = "TR_AuditEvents_UserCounts_Insert";

    public const string UpdateTrigger = "TR_AuditEvents_UserCounts_Update";

    public const string DeleteTrigger = "TR_AuditEvents_UserCounts_Delete";

    public void Configure(EntityTypeBuilder<AuditUserCount> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => new { c.UserId, c.Slot });
        builder.Property(c => c.Slot).ValueGeneratedNever();
    }
}
