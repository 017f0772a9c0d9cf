namespace Portalcrane.Registry.Access;

/// <summary>What a /v2 request does to a repository, in the action names of Docker token scopes.</summary>
public enum RegistryAction
{
    Pull,
    Push,
    Delete,
}
