using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Portalcrane.Registry.Tests;

/// <summary>How many of a file's pages are in the page cache (mmap + mincore), to see where writes went.</summary>
internal static partial class PageCache
{
    private const int ProtRead = 1;
    private const int MapShared = 1;

    public static long ResidentPages(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            return 0;
        }

        var fd = (int)file.DangerousGetHandle();
        var map = Mmap(0, (nuint)length, ProtRead, MapShared, fd, 0);
        Assert.NotEqual(-1, map);
        try
        {
            var pages = new byte[(length + Environment.SystemPageSize - 1) / Environment.SystemPageSize];
            Assert.Equal(0, Mincore(map, (nuint)length, pages));
            return pages.Count(p => (p & 1) != 0);
        }
        finally
        {
            Munmap(map, (nuint)length);
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static partial int Mincore(nint address, nuint length, [Out] byte[] pages);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);
}
