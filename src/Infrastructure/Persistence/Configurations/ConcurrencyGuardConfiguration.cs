using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Common;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class ConcurrencyGuardConfiguration : IEntityTypeConfiguration<ConcurrencyGuard>
{
    public void Configure(EntityTypeBuilder<ConcurrencyGuard> builder)
    {
        builder.ToTable("ConcurrencyGuards");
        builder.HasKey(g => g.Name);
        builder.Property(g => g.Name).HasMaxLength(64);
        builder.Property(g => g.Version).IsConcurrencyToken();

        // The rows exist from the migration on: a guard is only ever updated, never inserted by a race.
        builder.HasData(ConcurrencyGuard.Seed(ConcurrencyGuard.EnabledAdmins));
    }
}
