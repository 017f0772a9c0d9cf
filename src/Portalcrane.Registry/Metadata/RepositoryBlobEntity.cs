namespace Portalcrane.Registry.Metadata;

/// <summary>
/// The link that lets a repository read a blob: created when the blob is pushed to it or
/// mounted into it, removed by a blob DELETE. A blob without a link is invisible there.
/// </summary>
public sealed class RepositoryBlobEntity
{
    public long RepositoryId { get; set; }

    public required string Digest { get; set; }

    public DateTime LinkedAt { get; set; }
}
