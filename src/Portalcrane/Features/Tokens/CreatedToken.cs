namespace Portalcrane.Features.Tokens;

/// <summary>A new token: <see cref="Secret"/> is the whole token string, shown once and never stored.</summary>
public sealed record CreatedToken(AccessTokenEntity Token, string Secret);
