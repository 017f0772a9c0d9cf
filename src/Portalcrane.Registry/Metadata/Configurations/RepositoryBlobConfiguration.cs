using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portalcrane.Registry.Metadata.Configurations;

internal sealed class RepositoryBlobConfiguration : IEntityTypeConfiguration<RepositoryBlobEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryBlobEntity> builder)
    {
        builder.ToTable("RepositoryBlobs");
        builder.HasKey(l => new { l.RepositoryId, l.Digest });
        builder.Property(l => l.Digest).HasMaxLength(DigestLength.Max);
        builder.HasIndex(l => l.Digest);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(l => l.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<BlobEntity>().WithMany().HasForeignKey(l => l.Digest).OnDelete(DeleteBehavior.Restrict);
    }
}
