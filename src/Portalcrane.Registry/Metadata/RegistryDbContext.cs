using Microsoft.EntityFrameworkCore;

namespace Portalcrane.Registry.Metadata;

/// <summary>The metadata index of the registry: repositories, blobs and links, manifests, references, tags, uploads.</summary>
public class RegistryDbContext : DbContext
{
    public RegistryDbContext(DbContextOptions<RegistryDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the provider-specific subclass (its own migrations).</summary>
    protected RegistryDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<RepositoryEntity> Repositories => Set<RepositoryEntity>();

    public DbSet<BlobEntity> Blobs => Set<BlobEntity>();

    public DbSet<RepositoryBlobEntity> RepositoryBlobs => Set<RepositoryBlobEntity>();

    public DbSet<ManifestEntity> Manifests => Set<ManifestEntity>();

    public DbSet<ManifestReferenceEntity> ManifestReferences => Set<ManifestReferenceEntity>();

    public DbSet<TagEntity> Tags => Set<TagEntity>();

    public DbSet<UploadEntity> Uploads => Set<UploadEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
}

/// <summary>
/// The index on PostgreSQL: the same model, its own migrations, and names compared byte by byte
/// (collation "C"), as the spec's lexical order of tags and repositories wants.
/// </summary>
public sealed class PostgresRegistryDbContext(DbContextOptions<PostgresRegistryDbContext> options) : RegistryDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<RepositoryEntity>().Property(r => r.Name).UseCollation("C");
        modelBuilder.Entity<TagEntity>().Property(t => t.Name).UseCollation("C");
    }
}
