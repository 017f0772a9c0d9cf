namespace Portalcrane.Features.Images;

public enum ImageSort
{
    Name,
    Size,
    Tags,
    LastPush,
}

/// <summary>One page of the image list: server-side search (substring of the name), folder prefix, sort and paging.</summary>
public sealed record ImageQuery(string? Search = null, string? Folder = null, ImageSort Sort = ImageSort.Name, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record ImageSummary(string Name, long Size, int TagCount, DateTime? LastPushedAt, IReadOnlyList<string> Platforms);

public sealed record ImagePage(IReadOnlyList<ImageSummary> Items, int Total);

/// <summary>A node of the folder tree: a name segment with the number of images under it.</summary>
public sealed record FolderNode(string Path, string Segment, int ImageCount, bool HasChildren);

public sealed record TagSummary(string Name, string Digest, string MediaType, long Size, IReadOnlyList<string> Platforms, DateTime? CreatedAt, DateTime PushedAt)
{
    public bool IsIndex => Portalcrane.Oci.MediaTypes.IsIndex(MediaType);
}

/// <summary>An image (repository) as its page shows it, with what the viewer may do there.</summary>
public sealed record ImageDetails(string Name, long Size, DateTime? LastPushedAt, IReadOnlyList<TagSummary> Tags, bool CanPush);

public sealed record PlatformManifest(string Platform, string Digest, long Size);

public sealed record LayerDetails(string Digest, string MediaType, long Size, string? CreatedBy);

public sealed record ReferrerDetails(string Digest, string MediaType, string? ArtifactType, long Size, IReadOnlyDictionary<string, string> Annotations);

/// <summary>Everything about one tag: the manifest, the platform chosen (for an index), its config, layers and referrers.</summary>
public sealed record TagDetails(
    string Repository,
    string Tag,
    string Digest,
    string MediaType,
    string ManifestJson,
    IReadOnlyList<PlatformManifest> Platforms,
    string? SelectedDigest,
    string? SelectedManifestJson,
    string? ConfigJson,
    Portalcrane.Oci.ImageConfig? Config,
    IReadOnlyList<LayerDetails> Layers,
    IReadOnlyList<ReferrerDetails> Referrers);

public enum ChangeStatus
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
}

public sealed record ChangeResult(ChangeStatus Status, string? Message = null)
{
    public static readonly ChangeResult Done = new(ChangeStatus.Done);

    public bool Succeeded => Status == ChangeStatus.Done;
}
