using Portalcrane.Features.Audit;
using Portalcrane.Registry.Maintenance;
using Prometheus;

namespace Portalcrane.Features.Maintenance;

/// <summary>Records every finished garbage collection in the audit log and in Prometheus metrics.</summary>
public sealed class GcObserver(GarbageCollector collector, AuditLog audit) : IHostedService
{
    private static readonly Counter Runs = Prometheus.Metrics.CreateCounter("portalcrane_gc_runs_total", "Garbage collection runs by mode and result.", "mode", "result");
    private static readonly Counter FreedBytes = Prometheus.Metrics.CreateCounter("portalcrane_gc_freed_bytes_total", "Bytes of blobs garbage collection deleted.");
    private static readonly Counter DeletedBlobs = Prometheus.Metrics.CreateCounter("portalcrane_gc_deleted_blobs_total", "Blobs garbage collection deleted.");
    private static readonly Counter DeletedManifests = Prometheus.Metrics.CreateCounter("portalcrane_gc_deleted_manifests_total", "Untagged manifests garbage collection deleted.");
    private static readonly Histogram JobDuration = Prometheus.Metrics.CreateHistogram(
        "portalcrane_job_duration_seconds", "Duration of background jobs.", new HistogramConfiguration { LabelNames = ["job"], Buckets = Histogram.ExponentialBuckets(0.01, 4, 10) });

    public Task StartAsync(CancellationToken cancellationToken)
    {
        collector.Finished += OnFinished;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Finished -= OnFinished;
        return Task.CompletedTask;
    }

    private void OnFinished(GcRun run)
    {
        var mode = run.DryRun ? "dry-run" : "run";
        Runs.WithLabels(mode, run.Phase == GcPhase.Done ? "done" : "failed").Inc();
        FreedBytes.Inc(run.BytesFreed);
        DeletedBlobs.Inc(run.BlobsDeleted);
        DeletedManifests.Inc(run.ManifestsDeleted);
        if (run.Duration is { } duration)
        {
            JobDuration.WithLabels(run.DryRun ? "gc-dry-run" : "gc").Observe(duration.TotalSeconds);
        }

        audit.Record(null, run.StartedBy, run.DryRun ? "gc.dry-run" : "gc.run", run.Phase == GcPhase.Done, target: "registry",
            size: run.DryRun ? run.BytesFound : run.BytesFreed,
            detail: run.Error ?? $"manifests {run.ManifestsDeleted}/{run.ManifestsFound}, blobs {run.BlobsDeleted}/{run.BlobsFound}, uploads purged {run.UploadsPurged}, orphan files {run.OrphanFilesDeleted}");
    }
}
