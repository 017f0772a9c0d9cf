using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Access;
using Portalcrane.Features.Data;
using Portalcrane.Features.Identity;
using Portalcrane.Features.Tokens;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>Issues and redeems the token service's refresh tokens.</summary>
public sealed class RefreshTokenService(PortalcraneDbContext db, CredentialVerifier verifier, AccessTokenService tokens, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public async Task<string> IssueAsync(Principal principal, CancellationToken cancellationToken)
    {
        var secret = "prt_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        db.RefreshTokens.Add(new RefreshTokenEntity
        {
            Id = HashOf(secret),
            UserId = principal.UserId!.Value,
            AccessTokenId = principal.TokenId,
            CanPull = principal.Cap.Pull,
            CanPush = principal.Cap.Push,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The principal a refresh token stands for, or null when it is unknown, expired, or what backs it is gone.</summary>
    public async Task<Principal?> RedeemAsync(string secret, CancellationToken cancellationToken)
    {
        var id = HashOf(secret);
        var now = time.GetUtcNow().UtcDateTime;
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.ExpiresAt > now, cancellationToken);
        if (token is null || await verifier.FindActiveAsync(token.UserId, cancellationToken) is not { } principal)
        {
            return null;
        }

        if (token.AccessTokenId is { } tokenId && !await tokens.IsLiveAsync(tokenId, cancellationToken))
        {
            return null;
        }

        return principal with { TokenId = token.AccessTokenId, Cap = new Rights(token.CanPull, token.CanPush) };
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
