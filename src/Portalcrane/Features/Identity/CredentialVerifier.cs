using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Access;
using Portalcrane.Features.Data;
using Portalcrane.Features.Tokens;

namespace Portalcrane.Features.Identity;

/// <summary>
/// Turns a username and a secret (a password or a personal access token) into a principal.
/// A login attempt costs at most one password hash, whether or not the user exists.
/// </summary>
public sealed class CredentialVerifier(PortalcraneDbContext db, AccessTokenService tokens)
{
    public async Task<Principal?> VerifyAsync(string username, string secret, CancellationToken cancellationToken)
    {
        if (AccessTokenService.LooksLikeToken(secret))
        {
            var token = await tokens.VerifyAsync(secret, cancellationToken);
            if (token is null)
            {
                return null;
            }

            var owner = await FindActiveAsync(token.UserId, cancellationToken);
            if (owner is null || !string.Equals(owner.Name, username, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var scopes = TokenScopes.Parse(token.Scopes);
            return owner with { TokenId = token.Id, Cap = new Rights(scopes.Contains(TokenScopes.Pull), scopes.Contains(TokenScopes.Push)) };
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username, cancellationToken);
        var valid = PasswordHasher.Verify(secret, user?.PasswordHash ?? PasswordHasher.Decoy);
        if (user is null || !valid || user.Disabled || user.PasswordHash is null)
        {
            return null;
        }

        return await FindActiveAsync(user.Id, cancellationToken);
    }

    /// <summary>True while the account exists and is enabled: the check every bearer-token request makes.</summary>
    public Task<bool> IsActiveAsync(long userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && !u.Disabled, cancellationToken);

    /// <summary>
    /// The principal of a user by id while the account exists and is enabled, in one query (logins,
    /// every session request, a bearer caller's catalog).
    /// </summary>
    public Task<Principal?> FindActiveAsync(long userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.Disabled)
            .Select(u => new Principal
            {
                UserId = u.Id,
                Name = u.Username,
                IsAdmin = u.IsAdmin,
                CanPull = u.CanPull,
                CanPush = u.CanPush,
                GroupIds = u.Groups.Select(g => g.GroupId).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
}
