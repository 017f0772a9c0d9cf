namespace Portalcrane.Features.RegistryAuth;

/// <summary>
/// A refresh token of the Docker token service (<c>offline_token=true</c>), stored as a SHA-256
/// hash. It keeps working only while its account is enabled and, when it came from an access
/// token, while that token is live.
/// </summary>
public sealed class RefreshTokenEntity
{
    public required string Id { get; set; }

    public long UserId { get; set; }

    public string? AccessTokenId { get; set; }

    public bool CanPull { get; set; }

    public bool CanPush { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
