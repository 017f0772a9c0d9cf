using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portalcrane.Registry.Metadata.Configurations;

internal sealed class BlobConfiguration : IEntityTypeConfiguration<BlobEntity>
{
    public void Configure(EntityTypeBuilder<BlobEntity> builder)
    {
        builder.ToTable("Blobs");
        builder.HasKey(b => b.Digest);
        builder.Property(b => b.Digest).HasMaxLength(DigestLength.Max);
    }
}
