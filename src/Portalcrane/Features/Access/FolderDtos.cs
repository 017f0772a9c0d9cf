namespace Portalcrane.Features.Access;

public sealed record FolderDto(long Id, string Path, bool IsPublic, IReadOnlyList<GrantDto> Grants);

public sealed record GrantDto(long? UserId, long? GroupId, bool CanPull, bool CanPush);

public sealed record FolderRequest(string Path, bool IsPublic = false);

public sealed record FolderUpdateRequest(bool IsPublic);
