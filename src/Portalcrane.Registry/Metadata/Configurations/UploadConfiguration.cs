using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Metadata.Configurations;

internal sealed class UploadConfiguration : IEntityTypeConfiguration<UploadEntity>
{
    public void Configure(EntityTypeBuilder<UploadEntity> builder)
    {
        builder.ToTable("Uploads");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(32);
        builder.Property(u => u.RepositoryName).HasMaxLength(RepositoryName.MaxLength);
        builder.HasIndex(u => u.UpdatedAt);
    }
}
