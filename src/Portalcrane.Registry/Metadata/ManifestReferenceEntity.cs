namespace Portalcrane.Registry.Metadata;

/// <summary>One descriptor of a manifest: its config, a layer, or a child manifest of an index.</summary>
public sealed class ManifestReferenceEntity
{
    public long ManifestId { get; set; }

    /// <summary>Position in the manifest (config first), so the same layer may appear twice.</summary>
    public int Position { get; set; }

    public ReferenceKind Kind { get; set; }

    public required string Digest { get; set; }

    public required string MediaType { get; set; }

    public long Size { get; set; }
}
