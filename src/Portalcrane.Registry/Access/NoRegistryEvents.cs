using Microsoft.AspNetCore.Http;

namespace Portalcrane.Registry.Access;

/// <summary>The engine on its own records nothing.</summary>
public sealed class NoRegistryEvents : IRegistryEvents
{
    public void ManifestPushed(HttpContext context, string repository, string reference, string digest, long size)
    {
    }

    public void ManifestPulled(HttpContext context, string repository, string reference, string digest)
    {
    }

    public void ManifestDeleted(HttpContext context, string repository, string reference)
    {
    }

    public void BlobDeleted(HttpContext context, string repository, string digest)
    {
    }
}
