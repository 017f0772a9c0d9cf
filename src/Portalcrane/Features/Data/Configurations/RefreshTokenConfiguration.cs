using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portalcrane.Features.Identity;
using Portalcrane.Features.RegistryAuth;

namespace Portalcrane.Features.Data.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshTokenEntity>
{
    public void Configure(EntityTypeBuilder<RefreshTokenEntity> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.AccessTokenId).HasMaxLength(16);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
