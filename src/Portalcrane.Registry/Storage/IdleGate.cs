using System.Globalization;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// Holds background work back while the rest of the machine keeps its CPUs busy: the share of all
/// CPU time spent outside idle (<c>/proc/stat</c>), minus the calling thread's own
/// (<c>/proc/thread-self/stat</c>). Work runs once a whole <see cref="QuietPeriod"/> stayed under
/// the limit, and stops within a <see cref="Check"/> of the machine getting busy again, so a
/// transfer's short pauses never let it back in. While <c>held</c> says so (the process is
/// serving a download, whatever CPU that takes) the machine counts as busy; where the counters
/// cannot be read, it counts as idle otherwise.
/// https://man7.org/linux/man-pages/man5/proc_stat.5.html
/// </summary>
internal sealed class IdleGate(double busyLimit, Func<bool> held)
{
    /// <summary>How long the machine must have stayed under the limit before work starts or resumes.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How often running work measures the stretch since the last measurement.</summary>
    public static readonly TimeSpan Check = TimeSpan.FromMilliseconds(100);

    private CpuTimes? _last;
    private long _lastAt = -1;

    /// <summary>Returns while the machine is idle enough; waits for a quiet period when it is not. Throws when cancelled.</summary>
    public void WaitUntilIdle(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (busyLimit >= 1 && !held())
        {
            return;
        }

        var sinceLast = _lastAt < 0 ? long.MaxValue : Environment.TickCount64 - _lastAt;
        if (sinceLast < Check.TotalMilliseconds && !held())
        {
            return;   // measured idle a moment ago
        }

        // Running (measured within the quiet period): measure the stretch since then.
        if (sinceLast <= QuietPeriod.TotalMilliseconds && IsIdleSinceLast())
        {
            return;
        }

        // Starting, or the machine got busy: wait until a whole quiet period was idle.
        do
        {
            Measure();
            if (cancellationToken.WaitHandle.WaitOne(QuietPeriod))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        while (!IsIdleSinceLast());
    }

    private void Measure() => (_last, _lastAt) = (CpuTimes.Read(), Environment.TickCount64);

    private bool IsIdleSinceLast()
    {
        var earlier = _last;
        Measure();
        return !held() && (_last is null || busyLimit >= 1 || _last.OthersBusySince(earlier) < busyLimit);
    }

    /// <summary>The machine's busy and total CPU time and the calling thread's own, in clock ticks.</summary>
    internal sealed record CpuTimes(long Busy, long Total, long Own)
    {
        public double OthersBusySince(CpuTimes? earlier)
        {
            if (earlier is null || Total <= earlier.Total)
            {
                return 0;
            }

            var othersBusy = Busy - earlier.Busy - (Own - earlier.Own);
            return Math.Max(0, othersBusy) / (double)(Total - earlier.Total);
        }

        public static CpuTimes? Read()
        {
            try
            {
                return Parse(File.ReadLines("/proc/stat").First(), File.ReadAllText("/proc/thread-self/stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>
        /// From the "cpu" line of /proc/stat (user nice system idle iowait irq softirq steal ...) and
        /// a thread's stat line (utime and stime are the 14th and 15th fields; the command name in
        /// parentheses may hold spaces, so fields are counted after its closing parenthesis).
        /// </summary>
        public static CpuTimes? Parse(string machine, string thread)
        {
            var m = machine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var close = thread.LastIndexOf(')');
            var t = close < 0 ? [] : thread[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (m.Length < 9 || m[0] != "cpu" || t.Length < 13
                || !TryLongs(m.AsSpan(1, 8), out var c) || !TryLongs(t.AsSpan(11, 2), out var own))
            {
                return null;
            }

            var idle = c[3] + c[4];
            var busy = c[0] + c[1] + c[2] + c[5] + c[6] + c[7];
            return new CpuTimes(busy, busy + idle, own[0] + own[1]);
        }

        private static bool TryLongs(ReadOnlySpan<string> fields, out long[] values)
        {
            values = new long[fields.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
