namespace Portalcrane.Registry.Metadata;

/// <summary>
/// Tells in-process listeners (the live dashboard) that a repository's content changed: a push, a
/// tag moved or deleted, a manifest deleted. Raised after the change is committed.
/// </summary>
public sealed class RegistryChanges
{
    public event Action<string>? Changed;

    public void Raise(string repository) => Changed?.Invoke(repository);
}
