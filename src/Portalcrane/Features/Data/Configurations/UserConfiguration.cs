using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portalcrane.Features.Identity;

namespace Portalcrane.Features.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<UserEntity>
{
    public void Configure(EntityTypeBuilder<UserEntity> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.Username).HasMaxLength(64);
        builder.HasIndex(u => u.Username).IsUnique();
        builder.Property(u => u.OidcIssuer).HasMaxLength(400);
        builder.Property(u => u.OidcSubject).HasMaxLength(255);
        builder.Property(u => u.Theme).HasMaxLength(8).HasDefaultValue("auto");
        builder.HasIndex(u => new { u.OidcIssuer, u.OidcSubject }).IsUnique();
        builder.HasMany(u => u.Groups).WithOne().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
