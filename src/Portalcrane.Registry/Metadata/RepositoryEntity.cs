namespace Portalcrane.Registry.Metadata;

/// <summary>A repository. Rows are created on first use and listed only while they hold a manifest.</summary>
public sealed class RepositoryEntity
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ManifestEntity> Manifests { get; set; } = [];

    public List<TagEntity> Tags { get; set; } = [];
}
