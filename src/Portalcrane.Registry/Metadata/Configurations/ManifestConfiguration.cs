using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portalcrane.Registry.Metadata.Configurations;

internal sealed class ManifestConfiguration : IEntityTypeConfiguration<ManifestEntity>
{
    public void Configure(EntityTypeBuilder<ManifestEntity> builder)
    {
        builder.ToTable("Manifests");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Digest).HasMaxLength(DigestLength.Max);
        builder.Property(m => m.SubjectDigest).HasMaxLength(DigestLength.Max);
        builder.Property(m => m.MediaType).HasMaxLength(255);
        builder.Property(m => m.ArtifactType).HasMaxLength(255);
        builder.Property(m => m.Platforms).HasMaxLength(1024);
        builder.HasIndex(m => new { m.RepositoryId, m.Digest }).IsUnique();
        builder.HasIndex(m => new { m.RepositoryId, m.SubjectDigest });
        builder.HasOne(m => m.Repository).WithMany(r => r.Manifests).HasForeignKey(m => m.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.References).WithOne().HasForeignKey(r => r.ManifestId).OnDelete(DeleteBehavior.Cascade);
    }
}
