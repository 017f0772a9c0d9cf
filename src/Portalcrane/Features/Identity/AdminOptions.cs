namespace Portalcrane.Features.Identity;

/// <summary>The built-in administrator: <c>ADMIN_USERNAME</c> (default admin) and <c>ADMIN_PASSWORD</c>.</summary>
public sealed class AdminOptions
{
    public string Username { get; set; } = "admin";

    /// <summary>When unset, a strong password is generated on first start and printed once in the log.</summary>
    public string? Password { get; set; }
}
