namespace Portalcrane.Registry.Metadata;

/// <summary>A manifest of a repository, stored as the exact bytes received.</summary>
public sealed class ManifestEntity
{
    public long Id { get; set; }

    public long RepositoryId { get; set; }

    public RepositoryEntity Repository { get; set; } = null!;

    public required string Digest { get; set; }

    public required string MediaType { get; set; }

    /// <summary>What the referrers API reports: artifactType, else the config media type.</summary>
    public string? ArtifactType { get; set; }

    /// <summary>The digest of the manifest this one refers to (signatures, SBOMs), if any.</summary>
    public string? SubjectDigest { get; set; }

    /// <summary>Manifest annotations as a JSON object, kept for the referrers API.</summary>
    public string? Annotations { get; set; }

    public long Size { get; set; }

    /// <summary>The sum of the config and layer sizes (or, for an index, of its children's descriptors).</summary>
    public long ContentSize { get; set; }

    public required byte[] Content { get; set; }

    public DateTime PushedAt { get; set; }

    /// <summary>The platforms the manifest runs on (an image: from its config; an index: its children), comma-separated.</summary>
    public string? Platforms { get; set; }

    /// <summary>When the image was built, from its config's <c>created</c>.</summary>
    public DateTime? CreatedAt { get; set; }

    public List<ManifestReferenceEntity> References { get; set; } = [];
}
