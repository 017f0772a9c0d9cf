using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Access;
using Portalcrane.Features.Audit;
using Portalcrane.Features.Identity;
using Portalcrane.Features.RegistryAuth;
using Portalcrane.Features.Tokens;

namespace Portalcrane.Features.Data;

/// <summary>The manager's metadata: accounts, groups, folders and grants, access tokens. Same database as the registry index.</summary>
public sealed class PortalcraneDbContext(DbContextOptions<PortalcraneDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__PortalcraneMigrations";

    public DbSet<UserEntity> Users => Set<UserEntity>();

    public DbSet<GroupEntity> Groups => Set<GroupEntity>();

    public DbSet<GroupMemberEntity> GroupMembers => Set<GroupMemberEntity>();

    public DbSet<FolderEntity> Folders => Set<FolderEntity>();

    public DbSet<FolderGrantEntity> FolderGrants => Set<FolderGrantEntity>();

    public DbSet<AccessTokenEntity> AccessTokens => Set<AccessTokenEntity>();

    public DbSet<AuditEventEntity> AuditEvents => Set<AuditEventEntity>();

    public DbSet<SessionEntity> Sessions => Set<SessionEntity>();

    public DbSet<RefreshTokenEntity> RefreshTokens => Set<RefreshTokenEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalcraneDbContext).Assembly, t => t.Namespace == typeof(Configurations.UserConfiguration).Namespace);
}
