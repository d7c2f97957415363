using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Authorization;
using Orchestrator.Domain.Resources;
using Orchestrator.Infrastructure.Limits;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    /// <summary>A tag row's copy of its resource's creation time (a resource's creation time never changes).</summary>
    public const string TagListOrderColumn = "ResourceCreatedAt";

    /// <summary>
    /// Stamps each tag row about to be inserted with its resource's creation time: tags are only added through their
    /// resource, so it is tracked beside them. Called once per save, after changes are detected.
    /// </summary>
    public static void StampNewTags(ChangeTracker tracker)
    {
        Dictionary<Guid, DateTimeOffset>? createdAt = null;
        foreach (var tag in tracker.Entries<ResourceTag>())
        {
            if (tag.State == EntityState.Added)
            {
                createdAt ??= tracker.Entries<Resource>().ToDictionary(r => r.Entity.Id, r => r.Entity.CreatedAt);
                tag.Property<DateTimeOffset>(TagListOrderColumn).CurrentValue = createdAt[tag.Property<Guid>("ResourceId").CurrentValue];
            }
        }
    }

    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        // Triggers keep the s3 quota's live-bucket counts and the list's resource, tag and owner counts; declared so that EF
        // writes the table without RETURNING/OUTPUT.
        builder.ToTable("Resources", table =>
        {
            table.HasTrigger(LiveBucketCount.InsertTrigger);
            table.HasTrigger(LiveBucketCount.UpdateTrigger);
            table.HasTrigger(LiveBucketCount.DeleteTrigger);
            table.HasTrigger(ResourceCountConfiguration.InsertTrigger);
            table.HasTrigger(ResourceCountConfiguration.UpdateTrigger);
            table.HasTrigger(ResourceCountConfiguration.DeleteTrigger);
            table.HasTrigger(ResourceTagCountConfiguration.ResourceUpdateTrigger);
            table.HasTrigger(OwnedResourceCountConfiguration.InsertTrigger);
            table.HasTrigger(OwnedResourceCountConfiguration.UpdateTrigger);
            table.HasTrigger(OwnedResourceCountConfiguration.DeleteTrigger);
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(ResourceRules.NameMaxLength).IsRequired();
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Region).HasMaxLength(ResourceRules.RegionMaxLength).IsRequired();
        builder.Property(r => r.StatusReason).HasMaxLength(1024);
        builder.Property(r => r.ProviderId).HasMaxLength(256);
        builder.Property(r => r.FailureCode).HasMaxLength(ResourceCloudReport.FailureCodeMaxLength);

        // What the cloud reported about a finished creation: small documents read with the resource, one JSON column each.
        builder.Property(r => r.Outputs)
            .HasConversion(
                outputs => ResourceDocumentColumns.OutputsToJson(outputs),
                json => ResourceDocumentColumns.OutputsFromJson(json),
                ResourceDocumentColumns.ComparedAsJson<IReadOnlyDictionary<string, string>>(outputs => ResourceDocumentColumns.OutputsToJson(outputs)))
            .HasMaxLength(ResourceCloudReport.OutputsMaxLength)
            .HasDefaultValue(new Dictionary<string, string>())
            .IsRequired();
        builder.Property(r => r.Posture)
            .HasConversion(
                posture => ResourceDocumentColumns.PostureToJson(posture),
                json => ResourceDocumentColumns.PostureFromJson(json),
                ResourceDocumentColumns.ComparedAsJson<IReadOnlyList<PostureReading>>(posture => ResourceDocumentColumns.PostureToJson(posture)))
            .HasMaxLength(ResourceCloudReport.PostureMaxLength)
            .HasDefaultValue(new List<PostureReading>())
            .IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();

        // The expiry scan's schedule doubles as its lease: a scan claims a due resource by moving it forward, and saves
        // only while it is still what the scan set (docs/decisions/0028-expiry-protection-and-recovery.md).
        builder.Property(r => r.ExpiryCheckAt).IsConcurrencyToken();

        // The last drift check (null before the first); unbounded, as a tag value may appear in many differences.
        builder.Property(r => r.Drift)
            .HasConversion(
                drift => ResourceDocumentColumns.DriftToJson(drift),
                json => ResourceDocumentColumns.DriftFromJson(json),
                ResourceDocumentColumns.ComparedAsJson<ResourceDrift?>(drift => ResourceDocumentColumns.DriftToJson(drift)));

        // The drift worker's "next due" read: active resources by due time, a bounded batch from the index.
        builder.HasIndex(r => new { r.Status, r.DriftCheckDueAt });

        // The spec is a small, type-dependent document: one JSON column.
        builder.Property(r => r.Spec)
            .HasConversion(
                spec => ResourceDocumentColumns.SpecToJson(spec),
                json => ResourceDocumentColumns.SpecFromJson(json),
                new ValueComparer<ResourceSpec>((a, b) => a == b, spec => spec.GetHashCode(), spec => spec))
            .HasMaxLength(2048)
            .IsRequired();

        // Tags are rows, so that "tag=key:value" list filters are plain indexed SQL on every provider.
        builder.OwnsMany(r => r.Tags, tags =>
        {
            tags.ToTable("ResourceTags", table =>
            {
                table.HasTrigger(ResourceTagCountConfiguration.TagInsertTrigger);
                table.HasTrigger(ResourceTagCountConfiguration.TagUpdateTrigger);
                table.HasTrigger(ResourceTagCountConfiguration.TagDeleteTrigger);
            });
            tags.WithOwner().HasForeignKey("ResourceId");
            tags.Property<Guid>("ResourceId");
            tags.HasKey("ResourceId", nameof(ResourceTag.Key));
            tags.Property(t => t.Key).HasMaxLength(ResourceRules.TagKeyMaxLength);
            tags.Property(t => t.Value).HasMaxLength(ResourceRules.TagValueMaxLength).IsRequired();
            // The resource's creation time copied into its tag rows (StampNewTags), so that the index lists one tag's
            // resources in the list's own order (newest first, then id), and "which resources carry key:value" (a count
            // filtered by tag) is answered from index entries alone
            // (docs/decisions/0042-a-tag-listed-in-the-lists-order.md).
            tags.Property<DateTimeOffset>(TagListOrderColumn);
            tags.HasIndex(nameof(ResourceTag.Key), nameof(ResourceTag.Value), TagListOrderColumn, "ResourceId");
        });
        builder.Navigation(r => r.Tags).HasField("_tags").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The policy document as the owner wrote it, and its (effect, principal, action) rows for list filters.
        builder.Property(r => r.Policy)
            .HasConversion(
                policy => ResourceDocumentColumns.PolicyToJson(policy),
                json => ResourceDocumentColumns.PolicyFromJson(json),
                ResourceDocumentColumns.ComparedAsJson<ResourcePolicy>(policy => ResourceDocumentColumns.PolicyToJson(policy)))
            .IsRequired();
        builder.OwnsMany(r => r.PolicyGrants, grants =>
        {
            grants.ToTable("ResourcePolicyGrants");
            grants.WithOwner().HasForeignKey("ResourceId");

            // A client-generated surrogate key: SQLite cannot number rows inside a composite key.
            grants.Property<Guid>("Id").ValueGeneratedOnAdd();
            grants.HasKey("Id");
            grants.Property(g => g.Effect).HasConversion<string>().HasMaxLength(8);
            grants.Property(g => g.Action).HasConversion<string>().HasMaxLength(16);
            grants.Property(g => g.Principal).HasMaxLength(64).IsRequired();
            grants.HasIndex(nameof(ResourcePolicyGrant.Principal), nameof(ResourcePolicyGrant.Action), nameof(ResourcePolicyGrant.Effect));
        });
        builder.Navigation(r => r.PolicyGrants).HasField("_policyGrants").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.DomainEvents);

        // One owner's resources in the list's order, with what the read filter and the page's order need besides: an
        // operator's count and page are decided on the index entries (the id for the grant lists, the status), reading
        // rows only for the page itself (docs/decisions/0035-keyset-pagination-and-covering-indexes.md).
        builder.HasIndex(r => new { r.OwnerId, r.CreatedAt, r.Id, r.Status });

        // A list filtered by status alone: a seek to the status, already in the list's order (a status holds a large part
        // of the fleet, so reading it whole to sort it would not do; docs/decisions/0050-fixed-planner-statistics.md).
        builder.HasIndex(r => new { r.Status, r.CreatedAt, r.Id });

        // The expiry scan reads only the due rows of the two statuses it acts on (an index on the check time alone
        // loses to the status one in SQLite's planner, which then reads every active resource).
        builder.HasIndex(r => new { r.Status, r.ExpiryCheckAt });

        // One owner's resources of one type by status: the triggers that keep the live-bucket count (and the migration
        // that filled it) find an owner's buckets from the index alone.
        builder.HasIndex(r => new { r.OwnerId, r.Type, r.Status });

        // The list's order (newest first, id as tie-break): a page is read from the index and stops after its rows, a
        // cursor page seeks to its position. Status, type and owner ride along so that the filters and an offset's skipped
        // rows are decided on the index entry, without reading the row (docs/decisions/0035-keyset-pagination-and-covering-indexes.md).
        builder.HasIndex(r => new { r.CreatedAt, r.Id, r.Status, r.Type, r.OwnerId });

        // A list filtered by type and status: a seek to the pair, already in the list's order. Also the narrowest index
        // holding status and id, so the admin's count reads it instead of the rows.
        builder.HasIndex(r => new { r.Type, r.Status, r.CreatedAt, r.Id });

        // A list filtered by type alone (every status but deleted): a seek to the type, already in the list's order, the
        // status tested on the entry; the index above would read the whole type to sort it
        // (docs/decisions/0050-fixed-planner-statistics.md).
        builder.HasIndex(r => new { r.Type, r.CreatedAt, r.Id, r.Status });
    }
}
