namespace Portalcrane.Features.Identity;

/// <summary>A local account (or the built-in admin from the environment).</summary>
public sealed class UserEntity
{
    public long Id { get; set; }

    public required string Username { get; set; }

    /// <summary>PBKDF2 hash (see <see cref="PasswordHasher"/>); null for accounts that cannot log in with a password.</summary>
    public string? PasswordHash { get; set; }

    public bool IsAdmin { get; set; }

    public bool CanPull { get; set; }

    /// <summary>Push includes delete and retag.</summary>
    public bool CanPush { get; set; }

    public bool Disabled { get; set; }

    /// <summary>The account defined by ADMIN_USERNAME/ADMIN_PASSWORD: not changeable through the API.</summary>
    public bool IsBuiltIn { get; set; }

    /// <summary>For accounts provisioned by OpenID Connect: the issuer and subject that identify them.</summary>
    public string? OidcIssuer { get; set; }

    public string? OidcSubject { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The web UI's theme for this account: <c>auto</c> (follow the system), <c>light</c> or <c>dark</c>.</summary>
    public string Theme { get; set; } = "auto";

    public List<GroupMemberEntity> Groups { get; set; } = [];
}
