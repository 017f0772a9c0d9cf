using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Portalcrane.Registry.Maintenance;

/// <summary>Starts a garbage collection every <see cref="GarbageCollectionOptions.Interval"/> when one is configured.</summary>
internal sealed class GarbageCollectionScheduler(GarbageCollector collector, IOptions<GarbageCollectionOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            collector.TryStart(dryRun: false, options.Value.DeleteUntagged, "schedule");
            await collector.WaitAsync();
        }
    }
}
