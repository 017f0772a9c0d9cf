using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Access;

/// <summary>The one decision function that guards /v2 (and later /api and the UI).</summary>
public sealed class AccessPolicy(PortalcraneDbContext db)
{
    public async Task<AccessRules> LoadAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.IsAdmin)
        {
            return new AccessRules(principal, []);
        }

        var userId = principal.UserId ?? -1;
        var groups = principal.GroupIds.ToList();
        var folders = await db.Folders.AsNoTracking()
            .Select(f => new FolderRights(
                f.Path,
                f.IsPublic,
                f.Grants.Any(g => g.CanPull && (g.UserId == userId || (g.GroupId != null && groups.Contains(g.GroupId.Value)))),
                f.Grants.Any(g => g.CanPush && (g.UserId == userId || (g.GroupId != null && groups.Contains(g.GroupId.Value))))))
            .ToListAsync(cancellationToken);
        return new AccessRules(principal, folders);
    }
}
