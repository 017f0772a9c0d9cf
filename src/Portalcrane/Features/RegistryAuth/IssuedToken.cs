namespace Portalcrane.Features.RegistryAuth;

public sealed record IssuedToken(string Token, int ExpiresIn, DateTimeOffset IssuedAt);
