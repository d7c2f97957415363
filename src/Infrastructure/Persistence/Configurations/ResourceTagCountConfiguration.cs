using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class ResourceTagCountConfiguration : IEntityTypeConfiguration<ResourceTagCount>
{
    public const string Table = "ResourceTagCounts";

    /// <summary>The triggers on <c>ResourceTags</c> that keep the counts (each migration set writes them in its own SQL).</summary>
    public const string TagInsertTrigger = "TR_ResourceTags_Counts_Insert";

    public const string TagUpdateTrigger = "TR_ResourceTags_Counts_Update";

    public const string TagDeleteTrigger = "TR_ResourceTags_Counts_Delete";

    /// <summary>The trigger on <c>Resources</c> that moves a resource's tags to its new type or status.</summary>
    public const string ResourceUpdateTrigger = "TR_Resources_TagCounts_Update";

    public void Configure(EntityTypeBuilder<ResourceTagCount> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => new { c.Key, c.Value, c.Type, c.Status, c.Slot });
        builder.Property(c => c.Key).HasMaxLength(ResourceRules.TagKeyMaxLength);
        builder.Property(c => c.Value).HasMaxLength(ResourceRules.TagValueMaxLength);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Slot).ValueGeneratedNever();
    }
}
