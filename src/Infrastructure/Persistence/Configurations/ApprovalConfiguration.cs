using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Approvals;
using Orchestrator.Domain.Resources;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    // Rule ids are [a-z0-9-] (docs/decisions/0026-guardrails-as-json-schema.md), so a comma separates them safely.
    private const char RuleSeparator = ',';

    public void Configure(EntityTypeBuilder<Approval> builder)
    {
        builder.ToTable("Approvals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Comment).HasMaxLength(Approval.MaxCommentLength);
        builder.Property(a => a.QuotaReceipt).HasMaxLength(64);
        builder.Property(a => a.Rules)
            .HasConversion(
                rules => string.Join(RuleSeparator, rules),
                text => text.Split(RuleSeparator, StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<IReadOnlyList<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    rules => string.Join(RuleSeparator, rules).GetHashCode(StringComparison.Ordinal),
                    rules => rules.ToArray()))
            .HasMaxLength(4096)
            .IsRequired();

        // The one decision: of several saved at once, only the first finds the version it read.
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.DomainEvents);
        builder.Ignore(a => a.IsPending);

        builder.HasOne<Resource>().WithMany().HasForeignKey(a => a.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ResourceId).IsUnique();

        // The expiry scan (pending, oldest first) and an approver's list by status, newest first.
        builder.HasIndex(a => new { a.Status, a.CreatedAt });

        // A requester's own list, newest first.
        builder.HasIndex(a => new { a.RequesterId, a.CreatedAt });
    }
}
