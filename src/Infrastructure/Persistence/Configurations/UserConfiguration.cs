using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Users;
using Orchestrator.Infrastructure.Persistence.Encryption;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Username).HasMaxLength(64).IsRequired();
        builder.HasIndex(u => u.Username).IsUnique();
        builder.Property(u => u.PasswordHash).HasMaxLength(512).IsRequired();
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        // TOTP secrets are credentials: AES-256-GCM at rest with the data key ring.
        builder.Property(u => u.TotpSecret).HasMaxLength(512).IsEncrypted();
        builder.Property(u => u.PendingTotpSecret).HasMaxLength(512).IsEncrypted();
        // Every change that ends sessions bumps TokenVersion, every accepted one-time code moves LastTotpStep and
        // every change of the failure count or lockout moves LockoutVersion: an UPDATE that finds one moved under it
        // lost a race (a code accepted twice, a role change undone, a success saved over a lockout; decision 0021).
        builder.Property(u => u.TokenVersion).IsConcurrencyToken();
        builder.Property(u => u.LastTotpStep).IsConcurrencyToken();
        builder.Property(u => u.LockoutVersion).IsConcurrencyToken();
        builder.Ignore(u => u.DomainEvents);
    }
}
