using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portalcrane.Registry.Metadata.Configurations;

internal sealed class ManifestReferenceConfiguration : IEntityTypeConfiguration<ManifestReferenceEntity>
{
    public void Configure(EntityTypeBuilder<ManifestReferenceEntity> builder)
    {
        builder.ToTable("ManifestReferences");
        builder.HasKey(r => new { r.ManifestId, r.Position });
        builder.Property(r => r.Digest).HasMaxLength(DigestLength.Max);
        builder.Property(r => r.MediaType).HasMaxLength(255);
        builder.HasIndex(r => r.Digest);
    }
}
