namespace Portalcrane.Features.Identity;

/// <summary>
/// A signed-in browser or script session. The cookie holds a random secret; only its SHA-256 is
/// stored, so the table leaks no usable session. Deleting the row ends the session everywhere.
/// </summary>
public sealed class SessionEntity
{
    /// <summary>Hex SHA-256 of the cookie value.</summary>
    public required string Id { get; set; }

    public long UserId { get; set; }

    /// <summary>The synchronizer token state-changing requests must echo in <c>X-CSRF-Token</c>.</summary>
    public required string CsrfToken { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
