namespace Portalcrane.Registry.Metadata;

/// <summary>A verified blob in the content store, held once whatever the number of repositories linking it.</summary>
public sealed class BlobEntity
{
    public required string Digest { get; set; }

    public long Size { get; set; }

    public DateTime CreatedAt { get; set; }
}
