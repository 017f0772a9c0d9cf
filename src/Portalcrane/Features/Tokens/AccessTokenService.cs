using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Tokens;

/// <summary>
/// Personal access tokens: <c>pct_&lt;id&gt;_&lt;secret&gt;</c>. Found by id, the secret checked
/// against its HMAC in constant time; revocation takes effect on the next request anywhere.
/// </summary>
public sealed class AccessTokenService(PortalcraneDbContext db, ServerSecret secret, TokenUsage usage, IOptions<AccessTokenOptions> options, TimeProvider time)
{
    public const string Prefix = "pct_";

    /// <summary>What is wrong with a request for a new token (name, scopes, expiry), by field; empty when it is fine.</summary>
    public Dictionary<string, string[]> Validate(CreateTokenRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["1 to 100 characters"];
        }

        if (request.Scopes is not { Count: > 0 } || request.Scopes.Any(s => !TokenScopes.All.Contains(s)))
        {
            errors["scopes"] = ["one or more of pull, push, api"];
        }

        if (CheckExpiry(request.ExpiresAt) is { } expiry)
        {
            errors["expiresAt"] = [expiry];
        }

        return errors;
    }

    public async Task<CreatedToken> CreateAsync(long userId, string name, IReadOnlyCollection<string> scopes, DateTime? expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secretPart = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var full = $"{Prefix}{id}_{secretPart}";
        var token = new AccessTokenEntity
        {
            Id = id,
            UserId = userId,
            Name = name,
            Scopes = string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal)),
            SecretHash = secret.Hash(full),
            CreatedAt = now,
            ExpiresAt = expiresAt ?? now + options.Value.DefaultLifetime,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedToken(token, full);
    }

    /// <summary>Why a requested expiry is refused, or null when it is acceptable.</summary>
    public string? CheckExpiry(DateTime? expiresAt)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expiresAt switch
        {
            null => null,
            { } e when e <= now => "expiresAt must be in the future",
            { } e when e > now + options.Value.MaxLifetime => $"expiresAt may be at most {options.Value.MaxLifetime.TotalDays:0} days ahead",
            _ => null,
        };
    }

    /// <summary>The live token a presented string stands for, or null (unknown, wrong secret, expired, revoked).</summary>
    public async Task<AccessTokenEntity?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!TryParseId(presented, out var id))
        {
            return null;
        }

        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.SecretHash, secret.Hash(presented)))
        {
            return null;
        }

        if (token.RevokedAt is not null || token.ExpiresAt <= time.GetUtcNow().UtcDateTime)
        {
            return null;
        }

        usage.Note(token.Id);
        return token;
    }

    /// <summary>True while the token exists, is not revoked and has not expired (checked on every registry request it backs).</summary>
    public Task<bool> IsLiveAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.AccessTokens.AnyAsync(t => t.Id == id && t.RevokedAt == null && t.ExpiresAt > now, cancellationToken);
    }

    public async Task<bool> RevokeAsync(string id, long? ownerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.AccessTokens.Where(t => t.Id == id && t.RevokedAt == null);
        if (ownerId is { } owner)
        {
            query = query.Where(t => t.UserId == owner);
        }

        return await query.ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken) > 0;
    }

    public Task<List<AccessTokenEntity>> ListAsync(long userId, CancellationToken cancellationToken) =>
        db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> ListScopesAsync(string id, CancellationToken cancellationToken) =>
        TokenScopes.Parse(await db.AccessTokens.Where(t => t.Id == id).Select(t => t.Scopes).FirstOrDefaultAsync(cancellationToken) ?? string.Empty);

    public static bool LooksLikeToken(string secret) => secret.StartsWith(Prefix, StringComparison.Ordinal);

    private static bool TryParseId(string presented, out string id)
    {
        id = string.Empty;
        if (!LooksLikeToken(presented) || presented.Length < Prefix.Length + 18 || presented[Prefix.Length + 16] != '_')
        {
            return false;
        }

        id = presented.Substring(Prefix.Length, 16);
        return id.All(char.IsAsciiHexDigitLower);
    }
}
