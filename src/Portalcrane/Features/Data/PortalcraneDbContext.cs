using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Access;
using Portalcrane.Features.Audit;
using Portalcrane.Features.Identity;
using Portalcrane.Features.RegistryAuth;
using Portalcrane.Features.Tokens;

namespace Portalcrane.Features.Data;

/// <summary>The manager's metadata: accounts, groups, folders and grants, access tokens. Same database as the registry index.</summary>
public class PortalcraneDbContext : DbContext
{
    public const string MigrationsHistoryTable = "__PortalcraneMigrations";

    public PortalcraneDbContext(DbContextOptions<PortalcraneDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclass (its own migrations).</summary>
    protected PortalcraneDbContext(DbContextOptions options)
        : base(options)
    {
    }

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

/// <summary>The manager's metadata on PostgreSQL: the same model, its own migrations.</summary>
public sealed class PostgresPortalcraneDbContext(DbContextOptions<PostgresPortalcraneDbContext> options) : PortalcraneDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context to generate its migrations (no server needed).</summary>
internal sealed class PostgresPortalcraneDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresPortalcraneDbContext>
{
    public PostgresPortalcraneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPortalcraneDbContext>()
            .UseNpgsql("Host=localhost;Database=portalcrane", npgsql => npgsql.MigrationsHistoryTable(PortalcraneDbContext.MigrationsHistoryTable)).Options);
}
