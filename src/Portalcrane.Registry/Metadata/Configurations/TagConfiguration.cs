using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portalcrane.Registry.Metadata.Configurations;

internal sealed class TagConfiguration : IEntityTypeConfiguration<TagEntity>
{
    public void Configure(EntityTypeBuilder<TagEntity> builder)
    {
        builder.ToTable("Tags");
        builder.HasKey(t => new { t.RepositoryId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(128);
        builder.HasIndex(t => t.ManifestId);
        builder.HasOne(t => t.Repository).WithMany(r => r.Tags).HasForeignKey(t => t.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Manifest).WithMany().HasForeignKey(t => t.ManifestId).OnDelete(DeleteBehavior.Cascade);
    }
}
