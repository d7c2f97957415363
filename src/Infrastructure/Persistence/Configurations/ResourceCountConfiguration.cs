using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class ResourceCountConfiguration : IEntityTypeConfiguration<ResourceCount>
{
    public const string Table = "ResourceCounts";

    /// <summary>The triggers on <c>Resources</c> that keep the counts (each migration set writes them in its own SQL).</summary>
    public const string InsertTrigger = "TR_Resources_Counts_Insert";

    public const string UpdateTrigger = "TR_Resources_Counts_Update";

    public const string DeleteTrigger = "TR_Resources_Counts_Delete";

    public void Configure(EntityTypeBuilder<ResourceCount> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => new { c.Type, c.Status, c.Slot });
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Slot).ValueGeneratedNever();
    }
}
