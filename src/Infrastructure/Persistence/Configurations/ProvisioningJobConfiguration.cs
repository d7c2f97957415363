using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Provisioning;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class ProvisioningJobConfiguration : IEntityTypeConfiguration<ProvisioningJob>
{
    public void Configure(EntityTypeBuilder<ProvisioningJob> builder)
    {
        builder.ToTable("ProvisioningJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
        builder.Property(j => j.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.LastError).HasMaxLength(ProvisioningJob.LastErrorMaxLength);
        builder.Property(j => j.ProviderId).HasMaxLength(256);
        builder.Property(j => j.LeaseOwner).HasMaxLength(128);
        builder.Property(j => j.TraceParent).HasMaxLength(ProvisioningJob.TraceParentMaxLength);

        // A worker saves a step only while it still holds the lease it was given: if the lease ran out
        // and another worker claimed the job (a new LeaseVersion, the fencing token), the stale worker's
        // save affects no row and fails. The expiry time is not compared: the heartbeat moves it.
        builder.Property(j => j.LeaseOwner).IsConcurrencyToken();
        builder.Property(j => j.LeaseVersion).IsConcurrencyToken();

        builder.HasOne<Resource>().WithMany().HasForeignKey(j => j.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => new { j.CompletedAt, j.NextAttemptAt });
        builder.HasIndex(j => new { j.ResourceId, j.CompletedAt });
    }
}
