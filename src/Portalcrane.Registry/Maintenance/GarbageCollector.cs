using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portalcrane.Registry.Maintenance;

/// <summary>
/// Runs garbage collections one at a time in the background and tells listeners how each one
/// progresses (the dashboard's maintenance panel) and ends (audit, metrics).
/// </summary>
public sealed partial class GarbageCollector(IServiceScopeFactory scopes, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<GarbageCollector> logger)
{
    private const int HistorySize = 20;
    private readonly Lock _gate = new();
    private readonly LinkedList<GcRun> _history = new();
    private GcRun? _current;
    private Task _task = Task.CompletedTask;

    /// <summary>Every change of a run's state, from its start to its end.</summary>
    public event Action<GcRun>? Progress;

    /// <summary>A run that ended (done or failed).</summary>
    public event Action<GcRun>? Finished;

    /// <summary>The run in progress, else the last one (null before the first).</summary>
    public GcRun? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public IReadOnlyList<GcRun> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Starts a run; null when one is already running (one at a time).</summary>
    public GcRun? TryStart(bool dryRun, bool deleteUntagged, string startedBy)
    {
        GcRun run;
        lock (_gate)
        {
            if (_current is { Running: true })
            {
                return null;
            }

            run = new GcRun { Id = Guid.NewGuid(), DryRun = dryRun, DeleteUntagged = deleteUntagged, StartedBy = startedBy, StartedAt = time.GetUtcNow().UtcDateTime };
            _current = run;
            _task = Task.Run(() => ExecuteAsync(run));
        }

        Progress?.Invoke(run);
        return run;
    }

    /// <summary>Waits for the run in progress (if any) to end.</summary>
    public Task WaitAsync()
    {
        lock (_gate)
        {
            return _task;
        }
    }

    private async Task ExecuteAsync(GcRun run)
    {
        LogStarted(logger, run.DryRun ? "dry run" : "run", run.DeleteUntagged, run.StartedBy);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GarbageCollection>().RunAsync(run, Update, lifetime.ApplicationStopping);
            Update(r => r with { Phase = GcPhase.Done, FinishedAt = time.GetUtcNow().UtcDateTime });
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
            Update(r => r with { Phase = GcPhase.Failed, FinishedAt = time.GetUtcNow().UtcDateTime, Error = e is OperationCanceledException ? "stopped by shutdown" : e.Message });
        }

        var last = Current!;
        lock (_gate)
        {
            _history.AddFirst(last);
            while (_history.Count > HistorySize)
            {
                _history.RemoveLast();
            }
        }

        LogFinished(logger, last.Phase.ToString(), last.ManifestsFound, last.ManifestsDeleted, last.BlobsFound, last.BlobsDeleted, last.BytesFreed, last.UploadsPurged);
        Finished?.Invoke(last);
    }

    private void Update(Func<GcRun, GcRun> change)
    {
        GcRun next;
        lock (_gate)
        {
            next = change(_current!);
            _current = next;
        }

        Progress?.Invoke(next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {Mode} started by {StartedBy} (untagged manifests: {DeleteUntagged})")]
    private static partial void LogStarted(ILogger logger, string mode, bool deleteUntagged, string startedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {Phase}: manifests {ManifestsDeleted}/{ManifestsFound}, blobs {BlobsDeleted}/{BlobsFound}, {BytesFreed} bytes freed, {Uploads} upload sessions purged")]
    private static partial void LogFinished(ILogger logger, string phase, int manifestsFound, int manifestsDeleted, int blobsFound, int blobsDeleted, long bytesFreed, int uploads);

    [LoggerMessage(Level = LogLevel.Error, Message = "Garbage collection failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
