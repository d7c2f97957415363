using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Webhooks;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Url).HasMaxLength(WebhookSubscription.UrlMaxLength).IsRequired();
        builder.Property(w => w.EventTypes).HasMaxLength(512).IsRequired();
        builder.Property(w => w.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength).IsRequired();

        // A signing secret is a credential: AES-256-GCM at rest with the data key ring (decision 0023).
        builder.Property(w => w.Secret).HasMaxLength(512).IsRequired().IsEncrypted();
        builder.Ignore(w => w.Events);
        builder.Ignore(w => w.DomainEvents);
    }
}
