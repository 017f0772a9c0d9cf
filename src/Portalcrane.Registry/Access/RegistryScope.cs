namespace Portalcrane.Registry.Access;

/// <summary>One right a request needs: an action on a repository.</summary>
public readonly record struct RegistryScope(string Repository, RegistryAction Action);
