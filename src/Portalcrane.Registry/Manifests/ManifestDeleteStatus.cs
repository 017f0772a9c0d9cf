namespace Portalcrane.Registry.Manifests;

public enum ManifestDeleteStatus
{
    Deleted,
    NotFound,

    /// <summary>An image index of the same repository still lists this manifest.</summary>
    Referenced,
}
