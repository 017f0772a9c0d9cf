using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portalcrane.Features.Access;
using Portalcrane.Features.Identity;

namespace Portalcrane.Features.Data.Configurations;

internal sealed class FolderGrantConfiguration : IEntityTypeConfiguration<FolderGrantEntity>
{
    public void Configure(EntityTypeBuilder<FolderGrantEntity> builder)
    {
        builder.ToTable("FolderGrants");
        builder.HasIndex(g => new { g.FolderId, g.UserId, g.GroupId }).IsUnique();
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupEntity>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_FolderGrants_OneGrantee", "(\"UserId\" IS NULL) <> (\"GroupId\" IS NULL)"));
    }
}
