using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Data;
using Portalcrane.Features.Identity;

namespace Portalcrane.Features.Oidc;

/// <summary>
/// Finds or creates the account of a provider identity (keyed by issuer and subject, never by
/// name), and refreshes what the provider's groups decide at each login: the admin flag and the
/// memberships of mapped groups. Memberships of unmapped groups are the administrators' and stay.
/// </summary>
public sealed partial class OidcProvisioner(PortalcraneDbContext db, OidcOptions options, TimeProvider time)
{
    public async Task<UserEntity> ProvisionAsync(ClaimsPrincipal identity, CancellationToken cancellationToken)
    {
        var issuer = identity.FindFirst("iss")?.Value ?? options.Issuer!;
        var subject = identity.FindFirst("sub")?.Value ?? throw new InvalidOperationException("the identity token has no subject");
        var providerGroups = identity.FindAll(options.GroupsClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

        var user = await db.Users.FirstOrDefaultAsync(u => u.OidcIssuer == issuer && u.OidcSubject == subject, cancellationToken);
        if (user is null)
        {
            user = new UserEntity
            {
                Username = await UniqueUsernameAsync(identity.FindFirst("preferred_username")?.Value ?? identity.FindFirst("email")?.Value ?? subject, cancellationToken),
                OidcIssuer = issuer,
                OidcSubject = subject,
                CanPull = true,
                CanPush = true,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Users.Add(user);
        }

        user.IsAdmin = options.AdminGroups.Any(providerGroups.Contains);
        await db.SaveChangesAsync(cancellationToken);
        await SyncGroupsAsync(user.Id, providerGroups, cancellationToken);
        return user;
    }

    private async Task SyncGroupsAsync(long userId, HashSet<string> providerGroups, CancellationToken cancellationToken)
    {
        var mapped = options.GroupMapping.Values.Distinct(StringComparer.Ordinal).ToList();
        if (mapped.Count == 0)
        {
            return;
        }

        var existing = await db.Groups.Where(g => mapped.Contains(g.Name)).Select(g => g.Name).ToListAsync(cancellationToken);
        foreach (var name in mapped.Except(existing, StringComparer.Ordinal))
        {
            db.Groups.Add(new GroupEntity { Name = name });
        }

        await db.SaveChangesAsync(cancellationToken);
        var wanted = options.GroupMapping.Where(m => providerGroups.Contains(m.Key)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var groups = await db.Groups.Where(g => mapped.Contains(g.Name)).ToDictionaryAsync(g => g.Name, g => g.Id, cancellationToken);
        var drop = groups.Where(g => !wanted.Contains(g.Key)).Select(g => g.Value).ToList();
        await db.GroupMembers.Where(m => m.UserId == userId && drop.Contains(m.GroupId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var name in wanted)
        {
            var groupId = groups[name];
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "GroupMembers" ("GroupId", "UserId") VALUES ({groupId}, {userId}) ON CONFLICT DO NOTHING""", cancellationToken);
        }
    }

    private async Task<string> UniqueUsernameAsync(string wanted, CancellationToken cancellationToken)
    {
        var name = Unsafe().Replace(wanted.Split('@')[0], "-").Trim('-', '.', '_');
        name = name.Length == 0 ? "user" : name[..Math.Min(name.Length, 56)];
        var candidate = name;
        for (var n = 2; await db.Users.AnyAsync(u => u.Username == candidate, cancellationToken); n++)
        {
            candidate = $"{name}-{n}";
        }

        return candidate;
    }

    [GeneratedRegex("[^a-zA-Z0-9._-]+")]
    private static partial Regex Unsafe();
}
