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
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_current is { Running: true })
            {
                return null;
            }

            run = new GcRun { Id = Guid.NewGuid(), DryRun = dryRun, DeleteUntagged = deleteUntagged, StartedBy = startedBy, StartedAt = time.GetUtcNow().UtcDateTime };
            _current = run;
            _task = Task.Run(async () =>
            {
                await started.Task;
                await ExecuteAsync(run);
            });
        }

        // Listeners hear of the start before any progress.
        Notify(Progress, run);
        started.SetResult();
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
        GcRun last;
        LogStarted(logger, run.DryRun ? "dry run" : "run", run.DeleteUntagged, run.StartedBy);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GarbageCollection>().RunAsync(run, change => Update(change), lifetime.ApplicationStopping);
            last = Update(r => r with { Phase = GcPhase.Done, FinishedAt = time.GetUtcNow().UtcDateTime });
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
            last = Update(r => r with { Phase = GcPhase.Failed, FinishedAt = time.GetUtcNow().UtcDateTime, Error = e is OperationCanceledException ? "stopped by shutdown" : e.Message });
        }

        lock (_gate)
        {
            _history.AddFirst(last);
            while (_history.Count > HistorySize)
            {
                _history.RemoveLast();
            }
        }

        LogFinished(logger, last.Phase.ToString(), last.ManifestsFound, last.ManifestsDeleted, last.BlobsFound, last.BlobsDeleted, last.BytesFreed, last.UploadsPurged);
        Notify(Finished, last);
    }

    /// <summary>Changes this run's state (only ever the run executing: one at a time) and tells the listeners.</summary>
    private GcRun Update(Func<GcRun, GcRun> change)
    {
        GcRun next;
        lock (_gate)
        {
            next = change(_current!);
            _current = next;
        }

        Notify(Progress, next);
        return next;
    }

    /// <summary>A failing listener is logged; it never stops a run or the scheduler.</summary>
    private void Notify(Action<GcRun>? listeners, GcRun run)
    {
        foreach (var listener in listeners?.GetInvocationList().Cast<Action<GcRun>>() ?? [])
        {
            try
            {
                listener(run);
            }
            catch (Exception e)
            {
                LogListenerFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {Mode} started by {StartedBy} (untagged manifests: {DeleteUntagged})")]
    private static partial void LogStarted(ILogger logger, string mode, bool deleteUntagged, string startedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection {Phase}: manifests {ManifestsDeleted}/{ManifestsFound}, blobs {BlobsDeleted}/{BlobsFound}, {BytesFreed} bytes freed, {Uploads} upload sessions purged")]
    private static partial void LogFinished(ILogger logger, string phase, int manifestsFound, int manifestsDeleted, int blobsFound, int blobsDeleted, long bytesFreed, int uploads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A garbage collection listener failed")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Garbage collection failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
