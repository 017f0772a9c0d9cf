using Microsoft.AspNetCore.Http;

namespace Portalcrane.Registry.Access;

/// <summary>
/// What happened in the registry, for the host to record (audit, statistics). Called after the
/// change is stored; implementations must not block (queue and return).
/// </summary>
public interface IRegistryEvents
{
    /// <summary>A manifest PUT: one per image (or index) pushed, whatever the number of blobs.</summary>
    void ManifestPushed(HttpContext context, string repository, string reference, string digest, long size);

    /// <summary>A manifest GET (not HEAD, not blobs): one per pull.</summary>
    void ManifestPulled(HttpContext context, string repository, string reference, string digest);

    /// <summary>A tag or a manifest deleted.</summary>
    void ManifestDeleted(HttpContext context, string repository, string reference);

    void BlobDeleted(HttpContext context, string repository, string digest);
}
