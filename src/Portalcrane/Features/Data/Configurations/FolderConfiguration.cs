using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portalcrane.Features.Access;
using Portalcrane.Oci;

namespace Portalcrane.Features.Data.Configurations;

internal sealed class FolderConfiguration : IEntityTypeConfiguration<FolderEntity>
{
    public void Configure(EntityTypeBuilder<FolderEntity> builder)
    {
        builder.ToTable("Folders");
        builder.Property(f => f.Path).HasMaxLength(RepositoryName.MaxLength);
        builder.HasIndex(f => f.Path).IsUnique();
        builder.HasMany(f => f.Grants).WithOne().HasForeignKey(g => g.FolderId).OnDelete(DeleteBehavior.Cascade);
    }
}
