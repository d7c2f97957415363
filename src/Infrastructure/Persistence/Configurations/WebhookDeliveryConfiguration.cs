using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(WebhookEvent.TypeMaxLength).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LeaseOwner).HasMaxLength(128);

        // A worker records an attempt only while it still holds the lease it claimed it with (the fencing token).
        builder.Property(d => d.LeaseOwner).IsConcurrencyToken();
        builder.Property(d => d.LeaseVersion).IsConcurrencyToken();

        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);

        // One attempt of a number per event and subscription, however many workers schedule it.
        builder.HasIndex(d => new { d.SubscriptionId, d.EventId, d.Attempt }).IsUnique();

        // The worker's scan: pending attempts by due time. The list: a subscription's attempts, newest first.
        builder.HasIndex(d => new { d.Status, d.At });
        builder.HasIndex(d => new { d.SubscriptionId, d.At });
    }
}
