using Microsoft.EntityFrameworkCore;
using Prometheus;
using Portalcrane.Features.Audit;
using Portalcrane.Registry.Access;
using Portalcrane.Registry.Metadata;

namespace Portalcrane.Features.Metrics;

/// <summary>
/// Prometheus metrics at <c>/metrics</c>: HTTP requests by route and status with durations,
/// bytes in and out, registry pushes, pulls and deletes, and the deduplicated stored bytes.
/// </summary>
public static class MetricsSetup
{
    private static readonly Counter BytesIn = Prometheus.Metrics.CreateCounter("portalcrane_http_request_bytes_total", "Request body bytes announced by Content-Length (chunked bodies are not counted).");
    private static readonly Counter BytesOut = Prometheus.Metrics.CreateCounter("portalcrane_http_response_bytes_total", "Response body bytes sent (by Content-Length).");
    private static readonly Gauge StoredBytes = Prometheus.Metrics.CreateGauge("portalcrane_storage_bytes", "Bytes of blobs stored, each counted once.");
    private static readonly Gauge StoredBlobs = Prometheus.Metrics.CreateGauge("portalcrane_storage_blobs", "Blobs stored.");

    public static IServiceCollection AddPortalcraneMetrics(this IServiceCollection services)
    {
        services.AddSingleton<RegistryMetrics>();
        services.AddSingleton<IRegistryEvents>(sp => new RegistryEventsFanout([sp.GetRequiredService<RegistryAuditEvents>(), sp.GetRequiredService<RegistryMetrics>()]));
        return services;
    }

    public static WebApplication UsePortalcraneMetrics(this WebApplication app)
    {
        Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength is { } inbound and > 0)
            {
                BytesIn.Inc(inbound);
            }

            await next(context);
            if (context.Response.ContentLength is { } outbound and > 0 && !HttpMethods.IsHead(context.Request.Method))
            {
                BytesOut.Inc(outbound);
            }
        });
        app.UseHttpMetrics();

        // Storage figures come from the index at scrape time (one SUM), never from a disk walk.
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(async cancellationToken =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            StoredBytes.Set(await db.Blobs.SumAsync(b => (long?)b.Size, cancellationToken) ?? 0);
            StoredBlobs.Set(await db.Blobs.CountAsync(cancellationToken));
        });
        return app;
    }
}
