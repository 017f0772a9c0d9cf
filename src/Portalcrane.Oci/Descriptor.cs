namespace Portalcrane.Oci;

/// <summary>
/// A content descriptor as it appears in a manifest.
/// https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md
/// </summary>
public sealed record Descriptor
{
    public required string MediaType { get; init; }

    public required Digest Digest { get; init; }

    public required long Size { get; init; }

    public string? ArtifactType { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    public Platform? Platform { get; init; }
}
