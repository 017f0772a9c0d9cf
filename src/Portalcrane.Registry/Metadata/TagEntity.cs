namespace Portalcrane.Registry.Metadata;

/// <summary>A tag pointing at a manifest of the same repository.</summary>
public sealed class TagEntity
{
    public long RepositoryId { get; set; }

    public RepositoryEntity Repository { get; set; } = null!;

    public required string Name { get; set; }

    public long ManifestId { get; set; }

    public ManifestEntity Manifest { get; set; } = null!;

    public DateTime UpdatedAt { get; set; }
}
