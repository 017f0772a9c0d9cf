namespace Portalcrane.Features.Tokens;

/// <summary>
/// A personal access token. The secret is kept only as an HMAC under the server key and the
/// token is found by its public id, never by scanning hashes.
/// </summary>
public sealed class AccessTokenEntity
{
    /// <summary>16 hex characters, the part of the token before the secret.</summary>
    public required string Id { get; set; }

    public long UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Space-separated: <c>pull</c>, <c>push</c>, <c>api</c>.</summary>
    public required string Scopes { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
