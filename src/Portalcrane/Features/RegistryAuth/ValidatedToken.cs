namespace Portalcrane.Features.RegistryAuth;

/// <summary>What a valid registry token says: who it was issued to and what it grants.</summary>
public sealed record ValidatedToken(string Subject, long? UserId, string? TokenId, IReadOnlyList<TokenAccess> Access)
{
    public bool Allows(string repository, string action) =>
        Access.Any(a => a.Type == TokenAccess.Repository && a.Name == repository && a.Allows(action));
}
