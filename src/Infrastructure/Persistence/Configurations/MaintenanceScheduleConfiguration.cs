using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Retention;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class MaintenanceScheduleConfiguration : IEntityTypeConfiguration<MaintenanceSchedule>
{
    public void Configure(EntityTypeBuilder<MaintenanceSchedule> builder)
    {
        builder.ToTable("MaintenanceSchedules");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);

        // The row exists from the migration on: instances only ever claim it, never race to insert it.
        builder.HasData(MaintenanceSchedule.Seed(MaintenanceSchedule.RetentionPurge), MaintenanceSchedule.Seed(MaintenanceSchedule.ApprovalExpiry));
    }
}
