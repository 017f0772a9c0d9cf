using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Api;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Identity;

/// <summary>Groups of users, so folder grants can go to a team.</summary>
public sealed class GroupService(PortalcraneDbContext db)
{
    public Task<List<GroupDto>> ListAsync(CancellationToken cancellationToken) =>
        db.Groups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new GroupDto(g.Id, g.Name, g.Members.Select(m => m.UserId).ToList()))
            .ToListAsync(cancellationToken);

    public async Task<Result<GroupDto>> CreateAsync(GroupRequest request, CancellationToken cancellationToken)
    {
        var name = (request.Name ?? string.Empty).Trim();
        if (name.Length is 0 or > 64)
        {
            return Result<GroupDto>.Invalid(new() { ["name"] = ["1 to 64 characters"] });
        }

        if (await db.Groups.AnyAsync(g => g.Name == name, cancellationToken))
        {
            return Result<GroupDto>.Invalid(new() { ["name"] = ["already exists"] });
        }

        var group = new GroupEntity { Name = name };
        db.Groups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return Result<GroupDto>.Ok(new GroupDto(group.Id, group.Name, []));
    }

    public async Task<Result<bool>> DeleteAsync(long id, CancellationToken cancellationToken) =>
        await db.Groups.Where(g => g.Id == id).ExecuteDeleteAsync(cancellationToken) > 0 ? Result<bool>.Ok(true) : Result<bool>.NotFound();

    public async Task<Result<bool>> AddMemberAsync(long groupId, long userId, CancellationToken cancellationToken)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken) || !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Result<bool>.NotFound();
        }

        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "GroupMembers" ("GroupId", "UserId") VALUES ({groupId}, {userId}) ON CONFLICT DO NOTHING""", cancellationToken);
        return Result<bool>.Ok(true);
    }

    public async Task<Result<bool>> RemoveMemberAsync(long groupId, long userId, CancellationToken cancellationToken) =>
        await db.GroupMembers.Where(m => m.GroupId == groupId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0
            ? Result<bool>.Ok(true)
            : Result<bool>.NotFound();
}
