using Prometheus;
using Portalcrane.Registry.Access;

namespace Portalcrane.Features.Metrics;

/// <summary>Registry activity as Prometheus counters (totals only: repository names stay out of labels).</summary>
public sealed class RegistryMetrics : IRegistryEvents
{
    private static readonly Counter Pushes = Prometheus.Metrics.CreateCounter("portalcrane_registry_pushes_total", "Manifests pushed (one per image or index).");
    private static readonly Counter Pulls = Prometheus.Metrics.CreateCounter("portalcrane_registry_pulls_total", "Manifests pulled (GET, one per image pull).");
    private static readonly Counter Deletes = Prometheus.Metrics.CreateCounter("portalcrane_registry_deletes_total", "Tags, manifests and blob links deleted.");

    public void ManifestPushed(HttpContext context, string repository, string reference, string digest, long size) => Pushes.Inc();

    public void ManifestPulled(HttpContext context, string repository, string reference, string digest) => Pulls.Inc();

    public void ManifestDeleted(HttpContext context, string repository, string reference) => Deletes.Inc();

    public void BlobDeleted(HttpContext context, string repository, string digest) => Deletes.Inc();
}
