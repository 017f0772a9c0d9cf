using Portalcrane.Registry.Access;

namespace Portalcrane.Features.Metrics;

/// <summary>Hands each registry event to every recorder (audit log, metrics).</summary>
public sealed class RegistryEventsFanout(IReadOnlyList<IRegistryEvents> recorders) : IRegistryEvents
{
    public void ManifestPushed(HttpContext context, string repository, string reference, string digest, long size)
    {
        foreach (var recorder in recorders)
        {
            recorder.ManifestPushed(context, repository, reference, digest, size);
        }
    }

    public void ManifestPulled(HttpContext context, string repository, string reference, string digest)
    {
        foreach (var recorder in recorders)
        {
            recorder.ManifestPulled(context, repository, reference, digest);
        }
    }

    public void ManifestDeleted(HttpContext context, string repository, string reference)
    {
        foreach (var recorder in recorders)
        {
            recorder.ManifestDeleted(context, repository, reference);
        }
    }

    public void BlobDeleted(HttpContext context, string repository, string digest)
    {
        foreach (var recorder in recorders)
        {
            recorder.BlobDeleted(context, repository, digest);
        }
    }
}
