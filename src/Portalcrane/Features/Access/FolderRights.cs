namespace Portalcrane.Features.Access;

/// <summary>A folder with what one principal's grants (direct or through a group) give there.</summary>
public sealed record FolderRights(string Path, bool IsPublic, bool GrantPull, bool GrantPush);
