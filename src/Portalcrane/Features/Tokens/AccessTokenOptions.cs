namespace Portalcrane.Features.Tokens;

/// <summary>Limits of personal access tokens.</summary>
public sealed class AccessTokenOptions
{
    public const string Section = "AccessTokens";

    /// <summary>The longest expiry a token may be given.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The expiry of a token created without one.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);
}
