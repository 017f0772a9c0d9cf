using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// Whether a range of a file is in the page cache, asked of the kernel with <c>cachestat</c>
/// (Linux 6.5 and later), which reads no data and maps nothing. Where the call is missing or
/// refused (older kernels, other systems, a container's seccomp filter) the answer is "unknown"
/// and callers keep to plain buffered reads.
/// https://man7.org/linux/man-pages/man2/cachestat.2.html
/// </summary>
internal static partial class PageCache
{
    /// <summary>cachestat's number, the same on every architecture (asm-generic/unistd.h).</summary>
    private const long CachestatCall = 451;

    private static volatile bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>True when every page of the range is cached, false when one is not, null when the kernel cannot say.</summary>
    public static bool? IsCached(SafeFileHandle file, long offset, int length)
    {
        if (_unavailable || length <= 0)
        {
            return null;
        }

        var range = new CachestatRange((ulong)offset, (ulong)length);
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            if (Syscall(CachestatCall, file.DangerousGetHandle(), in range, out var stat, 0) != 0)
            {
                _unavailable = true;
                return null;
            }

            var pageSize = Environment.SystemPageSize;
            var pages = ((offset + length - 1) / pageSize) - (offset / pageSize) + 1;
            return stat.Cached >= (ulong)pages;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct CachestatRange(ulong Offset, ulong Length);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Cachestat(ulong Cached, ulong Dirty, ulong Writeback, ulong Evicted, ulong RecentlyEvicted);

    // syscall(2) is variadic; every argument is passed as a full machine word.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, nint fd, in CachestatRange range, out Cachestat stat, long flags);
}
