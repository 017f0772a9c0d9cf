using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Metadata.Configurations;

internal sealed class RepositoryConfiguration : IEntityTypeConfiguration<RepositoryEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryEntity> builder)
    {
        builder.ToTable("Repositories");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(RepositoryName.MaxLength);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Property(r => r.Platforms).HasMaxLength(1024);
        builder.HasIndex(r => r.Size);
        builder.HasIndex(r => r.LastPushedAt);
    }
}
