using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class OwnedResourceCountConfiguration : IEntityTypeConfiguration<OwnedResourceCount>
{
    public const string Table = "OwnedResourceCounts";

    /// <summary>The triggers on <c>Resources</c> that keep the counts (each migration set writes them in its own SQL).</summary>
    public const string InsertTrigger = "TR_Resources_OwnedCounts_Insert";

    public const string UpdateTrigger = "TR_Resources_OwnedCounts_Update";

    public const string DeleteTrigger = "TR_Resources_OwnedCounts_Delete";

    public void Configure(EntityTypeBuilder<OwnedResourceCount> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => c.OwnerId);
        builder.Property(c => c.OwnerId).ValueGeneratedNever();
    }
}
