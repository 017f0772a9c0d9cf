namespace Portalcrane.Oci;

/// <summary>What the registry needs to know of a manifest: its kind and everything it references.</summary>
public sealed record ParsedManifest
{
    public required string MediaType { get; init; }

    public Descriptor? Config { get; init; }

    public IReadOnlyList<Descriptor> Layers { get; init; } = [];

    /// <summary>Child manifests of an image index or manifest list.</summary>
    public IReadOnlyList<Descriptor> Manifests { get; init; } = [];

    public Descriptor? Subject { get; init; }

    /// <summary>
    /// The artifact type the referrers API reports: <c>artifactType</c>, else for an image
    /// manifest its config media type.
    /// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#listing-referrers
    /// </summary>
    public string? ArtifactType { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public bool IsIndex => MediaTypes.IsIndex(MediaType);
}
