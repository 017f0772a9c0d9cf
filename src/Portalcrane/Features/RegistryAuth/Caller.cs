using Portalcrane.Features.Access;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>Who sent a /v2 request, and how they proved it.</summary>
public sealed record Caller(Principal Principal, ValidatedToken? Token, bool Invalid = false, TimeSpan? RetryAfter = null)
{
    public static readonly Caller Anonymous = new(Principal.Anonymous, null);

    public static readonly Caller Rejected = new(Principal.Anonymous, null, Invalid: true);
}
