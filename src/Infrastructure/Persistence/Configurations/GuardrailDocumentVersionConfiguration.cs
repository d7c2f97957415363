using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Guardrails;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class GuardrailDocumentVersionConfiguration : IEntityTypeConfiguration<GuardrailDocumentVersion>
{
    public void Configure(EntityTypeBuilder<GuardrailDocumentVersion> builder)
    {
        builder.ToTable("GuardrailDocumentVersions");

        // The version is the key, never generated: two changes from the same version insert the same key and one fails.
        builder.HasKey(v => v.Version);
        builder.Property(v => v.Version).ValueGeneratedNever();
        builder.Property(v => v.RulesJson).IsRequired();
        builder.Ignore(v => v.DomainEvents);
    }
}
