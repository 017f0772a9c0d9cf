namespace Portalcrane.Features.Access;

/// <summary>Pull and/or push on a folder, for one user or one group.</summary>
public sealed class FolderGrantEntity
{
    public long Id { get; set; }

    public long FolderId { get; set; }

    public long? UserId { get; set; }

    public long? GroupId { get; set; }

    public bool CanPull { get; set; }

    public bool CanPush { get; set; }
}
