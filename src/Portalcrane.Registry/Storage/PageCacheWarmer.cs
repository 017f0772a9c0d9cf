using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// Reads blobs into the page cache, for blobs a GET found missing from it, while the machine is
/// otherwise idle. Such a GET reads past the cache with direct I/O (see
/// <see cref="Endpoints.BlobResult"/>), so no pull waits for page-cache memory to be filled, and
/// later pulls of the blob come from memory. Filling page-cache memory is CPU work (the copy, and on
/// virtual machines whose host takes freed guest memory back, a fault per page on first touch), and
/// running it beside a transfer slows that transfer down even at the lowest priority, since both
/// fault on the host. So the warmer works only while no download is in progress in this process and
/// the rest of the machine leaves the CPUs mostly idle (<see cref="IdleGate"/>), on one thread of idle priority (<c>SCHED_IDLE</c>), one blob at a
/// time, each queued once; a full queue drops new work (those blobs are read from the disk again).
/// https://man7.org/linux/man-pages/man7/sched.7.html (SCHED_IDLE)
/// </summary>
internal sealed partial class PageCacheWarmer(IOptions<RegistryOptions> options, ILogger<PageCacheWarmer> logger) : IDisposable
{
    private const int ChunkSize = 1024 * 1024;
    private const int MaxQueued = 256;
    private const int SchedIdle = 5;
    private const int LowestNice = 19;

    private readonly BlockingCollection<string> _queue = new(MaxQueued);
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _started;
    private int _downloads;

    /// <summary>Queues a blob file for warming unless it is queued or being warmed already.</summary>
    public void Enqueue(string path)
    {
        if (_stopping.IsCancellationRequested || !_pending.TryAdd(path, 0))
        {
            return;
        }

        bool queued;
        try
        {
            queued = _queue.TryAdd(path);
        }
        catch (InvalidOperationException)
        {
            queued = false;   // shutting down: the queue takes no more
        }

        if (!queued)
        {
            _pending.TryRemove(path, out _);
            return;
        }

        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            new Thread(Run) { IsBackground = true, Name = "page-cache warmer" }.Start();
        }
    }

    /// <summary>Marks a blob download in progress until disposed: the warmer stays off the CPUs meanwhile.</summary>
    public Download Downloading()
    {
        Interlocked.Increment(ref _downloads);
        return new Download(this);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _queue.CompleteAdding();
    }

    private void Run()
    {
        if (!LowerPriority())
        {
            LogPriorityRefused(logger, Marshal.GetLastPInvokeError());
        }

        // Reused for every read: the pages it touches are the page cache's, never fresh ones of ours.
        var buffer = GC.AllocateUninitializedArray<byte>(ChunkSize);
        var idle = new IdleGate(options.Value.WarmWhileBusyBelow, () => Volatile.Read(ref _downloads) > 0);
        try
        {
            foreach (var path in _queue.GetConsumingEnumerable(_stopping.Token))
            {
                try
                {
                    Warm(path, buffer, idle, _stopping.Token);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Deleted by the garbage collector meanwhile, or unreadable: nothing to warm.
                    LogWarmFailed(logger, path, e.Message);
                }
                finally
                {
                    _pending.TryRemove(path, out _);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private static void Warm(string path, byte[] buffer, IdleGate idle, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(file);
        for (var position = 0L; position < length; position += ChunkSize)
        {
            idle.WaitUntilIdle(cancellationToken);
            // Every chunk is read, cached or not: copying it out is what touches its pages, and
            // pages the kernel's read-ahead brought in count as cached while nothing touched them.
            var want = (int)Math.Min(ChunkSize, length - position);
            RandomAccess.Read(file, buffer.AsSpan(0, want), position);
        }
    }

    /// <summary>Puts the calling thread at idle priority, or at least at the lowest nice level.</summary>
    private static bool LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var parameter = 0;   // struct sched_param { int sched_priority; }, 0 for SCHED_IDLE
            return SchedSetScheduler(0, SchedIdle, in parameter) == 0 || SetPriority(0, 0, LowestNice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    public readonly struct Download(PageCacheWarmer warmer) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref warmer._downloads);
    }

    // On Linux both act on the calling thread when given 0 (scheduling and nice are per thread).
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, in int parameter);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The page-cache warmer could not lower its priority (errno {Errno}); it runs at normal priority")]
    private static partial void LogPriorityRefused(ILogger logger, int errno);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not warm {Path}: {Reason}")]
    private static partial void LogWarmFailed(ILogger logger, string path, string reason);
}
