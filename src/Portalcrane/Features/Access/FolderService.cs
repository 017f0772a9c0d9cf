using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Api;
using Portalcrane.Features.Data;
using Portalcrane.Oci;

namespace Portalcrane.Features.Access;

/// <summary>Folders (namespace prefixes), their public flag and their grants to users and groups.</summary>
public sealed class FolderService(PortalcraneDbContext db)
{
    public Task<List<FolderDto>> ListAsync(CancellationToken cancellationToken) =>
        db.Folders.AsNoTracking().OrderBy(f => f.Path)
            .Select(f => new FolderDto(f.Id, f.Path, f.IsPublic, f.Grants.Select(g => new GrantDto(g.UserId, g.GroupId, g.CanPull, g.CanPush)).ToList()))
            .ToListAsync(cancellationToken);

    public async Task<Result<FolderDto>> CreateAsync(FolderRequest request, CancellationToken cancellationToken)
    {
        var path = (request.Path ?? string.Empty).Trim('/');
        if (!RepositoryName.IsValid(path))
        {
            return Result<FolderDto>.Invalid(new() { ["path"] = ["a folder path follows the repository name grammar, e.g. team/app"] });
        }

        if (await db.Folders.AnyAsync(f => f.Path == path, cancellationToken))
        {
            return Result<FolderDto>.Invalid(new() { ["path"] = ["already exists"] });
        }

        var folder = new FolderEntity { Path = path, IsPublic = request.IsPublic };
        db.Folders.Add(folder);
        await db.SaveChangesAsync(cancellationToken);
        return Result<FolderDto>.Ok(new FolderDto(folder.Id, folder.Path, folder.IsPublic, []));
    }

    public async Task<Result<bool>> UpdateAsync(long id, FolderUpdateRequest request, CancellationToken cancellationToken)
    {
        var updated = await db.Folders.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.IsPublic, request.IsPublic), cancellationToken);
        return updated > 0 ? Result<bool>.Ok(true) : Result<bool>.NotFound();
    }

    public async Task<Result<bool>> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var folder = await db.Folders.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (folder is null)
        {
            return Result<bool>.NotFound();
        }

        if (folder.Path.Length == 0)
        {
            return Result<bool>.Conflict("the root folder owns every repository no other folder does and cannot be deleted");
        }

        await db.Folders.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken);
        return Result<bool>.Ok(true);
    }

    /// <summary>Replaces the folder's grants with the given list (the users/groups x pull/push matrix).</summary>
    public async Task<Result<bool>> SetGrantsAsync(long id, IReadOnlyList<GrantDto> grants, CancellationToken cancellationToken)
    {
        if (!await db.Folders.AnyAsync(f => f.Id == id, cancellationToken))
        {
            return Result<bool>.NotFound();
        }

        if (grants.Any(g => (g.UserId is null) == (g.GroupId is null)))
        {
            return Result<bool>.Invalid(new() { ["grants"] = ["each grant names exactly one of userId and groupId"] });
        }

        var userIds = grants.Where(g => g.UserId is not null).Select(g => g.UserId!.Value).Distinct().ToList();
        var groupIds = grants.Where(g => g.GroupId is not null).Select(g => g.GroupId!.Value).Distinct().ToList();
        if (await db.Users.CountAsync(u => userIds.Contains(u.Id), cancellationToken) != userIds.Count
            || await db.Groups.CountAsync(g => groupIds.Contains(g.Id), cancellationToken) != groupIds.Count)
        {
            return Result<bool>.Invalid(new() { ["grants"] = ["every userId and groupId must exist"] });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.FolderGrants.Where(g => g.FolderId == id).ExecuteDeleteAsync(cancellationToken);
        db.FolderGrants.AddRange(grants
            .GroupBy(g => (g.UserId, g.GroupId))
            .Select(g => new FolderGrantEntity { FolderId = id, UserId = g.Key.UserId, GroupId = g.Key.GroupId, CanPull = g.Any(x => x.CanPull), CanPush = g.Any(x => x.CanPush) }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return Result<bool>.Ok(true);
    }
}
