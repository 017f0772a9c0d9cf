namespace Portalcrane.Registry.Metadata;

/// <summary>How a manifest refers to a digest; what garbage collection follows.</summary>
public enum ReferenceKind
{
    Config = 0,
    Layer = 1,
    Manifest = 2,
}
