namespace Portalcrane.Registry.Metadata;

/// <summary>A repository. Rows are created on first use and listed only while they hold a manifest.</summary>
public sealed class RepositoryEntity
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    // Statistics kept current by RepositoryStatistics on every manifest or tag change, so the
    // dashboard and the image list never walk manifests.

    public int TagCount { get; set; }

    public int ManifestCount { get; set; }

    /// <summary>Bytes of the distinct blobs the repository's manifests reference (deduplicated within the repository).</summary>
    public long Size { get; set; }

    public DateTime? LastPushedAt { get; set; }

    /// <summary>The platforms of the tagged images, comma-separated (<c>linux/amd64,linux/arm64/v8</c>).</summary>
    public string? Platforms { get; set; }

    public List<ManifestEntity> Manifests { get; set; } = [];

    public List<TagEntity> Tags { get; set; } = [];
}
