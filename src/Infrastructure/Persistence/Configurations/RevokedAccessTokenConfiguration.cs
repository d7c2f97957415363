using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Domain.Users;

namespace Orchestrator.Infrastructure.Persistence.Configurations;

internal sealed class RevokedAccessTokenConfiguration : IEntityTypeConfiguration<RevokedAccessToken>
{
    public void Configure(EntityTypeBuilder<RevokedAccessToken> builder)
    {
        builder.ToTable("RevokedAccessTokens");
        builder.HasKey(t => t.Jti);
        builder.Property(t => t.Jti).HasMaxLength(64);
        builder.HasIndex(t => t.ExpiresAt);
    }
}
