namespace Portalcrane.Registry.Maintenance;

/// <summary>Settings of garbage collection, bound from the "GarbageCollection" configuration section.</summary>
public sealed class GarbageCollectionOptions
{
    public const string Section = "GarbageCollection";

    /// <summary>How often a collection runs on its own; null (the default) runs it only when asked.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>
    /// Nothing younger than this is collected: blobs uploaded or linked, and manifests pushed, within
    /// the period belong to pushes still in flight (a client uploads blobs, then the manifest).
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether scheduled runs also delete untagged manifests (never the children of a kept index, nor referrers of kept manifests).</summary>
    public bool DeleteUntagged { get; set; }
}
