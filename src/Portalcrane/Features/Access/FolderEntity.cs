namespace Portalcrane.Features.Access;

/// <summary>
/// A namespace prefix that owns the repositories under it (<c>team/app</c> owns <c>team/app/x</c>).
/// The root folder has the empty path and owns every repository no other folder does.
/// </summary>
public sealed class FolderEntity
{
    public long Id { get; set; }

    public required string Path { get; set; }

    /// <summary>Anonymous pull of every repository in the folder.</summary>
    public bool IsPublic { get; set; }

    public List<FolderGrantEntity> Grants { get; set; } = [];
}
