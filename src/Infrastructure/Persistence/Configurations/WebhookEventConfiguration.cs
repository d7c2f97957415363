using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Webhooks;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("WebhookEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(WebhookEvent.TypeMaxLength).IsRequired();
        builder.Property(e => e.Payload).IsRequired();

        // Two workers fanning out one event: the second one's save finds it already fanned out and makes nothing.
        builder.Property(e => e.FannedOutAt).IsConcurrencyToken();

        // The fan-out scan reads the events not fanned out yet, oldest first.
        builder.HasIndex(e => new { e.FannedOutAt, e.OccurredAt });
    }
}
