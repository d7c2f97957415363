using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    private static readonly JsonSerializerOptions SpecJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("Resources");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(ResourceRules.NameMaxLength).IsRequired();
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Region).HasMaxLength(32).IsRequired();
        builder.Property(r => r.StatusReason).HasMaxLength(1024);
        builder.Property(r => r.ProviderId).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();

        // The spec is a small, type-dependent document: one JSON column.
        builder.Property(r => r.Spec)
            .HasConversion(
                spec => JsonSerializer.Serialize(spec, SpecJson),
                json => JsonSerializer.Deserialize<ResourceSpec>(json, SpecJson) ?? new ResourceSpec(),
                new ValueComparer<ResourceSpec>((a, b) => a == b, spec => spec.GetHashCode(), spec => spec))
            .HasMaxLength(2048)
            .IsRequired();

        // Tags are rows, so that "tag=key:value" list filters are plain indexed SQL on every provider.
        builder.OwnsMany(r => r.Tags, tags =>
        {
            tags.ToTable("ResourceTags");
            tags.WithOwner().HasForeignKey("ResourceId");
            tags.Property<Guid>("ResourceId");
            tags.HasKey("ResourceId", nameof(ResourceTag.Key));
            tags.Property(t => t.Key).HasMaxLength(ResourceRules.TagKeyMaxLength);
            tags.Property(t => t.Value).HasMaxLength(ResourceRules.TagValueMaxLength).IsRequired();
            tags.HasIndex(nameof(ResourceTag.Key), nameof(ResourceTag.Value));
        });
        builder.Navigation(r => r.Tags).HasField("_tags").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(r => new { r.OwnerId, r.CreatedAt });
        builder.HasIndex(r => r.Status);
    }
}
