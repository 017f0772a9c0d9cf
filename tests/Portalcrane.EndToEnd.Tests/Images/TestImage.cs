namespace Portalcrane.EndToEnd.Tests.Images;

/// <summary>A single-platform image written by <see cref="TestImages"/>: its manifest, config and layers.</summary>
public sealed record TestImage(string Architecture, BlobDescriptor Manifest, BlobDescriptor Config, IReadOnlyList<BlobDescriptor> Layers)
{
    public IReadOnlyList<string> LayerDigests => [.. Layers.Select(l => l.Digest)];
}
