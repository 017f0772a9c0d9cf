namespace Portalcrane.Features.Tokens;

public sealed record TokenDto(string Id, string Name, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public static TokenDto From(AccessTokenEntity t) => new(t.Id, t.Name, TokenScopes.Parse(t.Scopes), t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}

/// <summary>A created token: <see cref="Token"/> is shown this once and never again.</summary>
public sealed record CreatedTokenDto(TokenDto Details, string Token);

public sealed record CreateTokenRequest(string Name, IReadOnlyList<string> Scopes, DateTime? ExpiresAt = null);
