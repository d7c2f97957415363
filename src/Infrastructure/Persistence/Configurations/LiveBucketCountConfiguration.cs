using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class LiveBucketCountConfiguration : IEntityTypeConfiguration<LiveBucketCount>
{
    public void Configure(EntityTypeBuilder<LiveBucketCount> builder)
    {
        builder.ToTable(LiveBucketCount.Table);
        builder.HasKey(c => c.OwnerId);
        builder.Property(c => c.OwnerId).ValueGeneratedNever();
    }
}
