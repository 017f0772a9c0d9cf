using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// Direct I/O (<c>O_DIRECT</c>) on Linux: a write goes from a page-aligned buffer of ours to the
/// device without passing through the page cache. Blob uploads use it for their aligned body, so
/// pushing a large layer neither pays for filling fresh page-cache memory nor leaves gigabytes of
/// dirty pages behind that evict what pulls are reading. Where the platform or file system does not
/// support it, writes stay buffered.
/// https://man7.org/linux/man-pages/man2/open.2.html (O_DIRECT: alignment of buffer, length and offset)
/// </summary>
internal static partial class DirectIo
{
    /// <summary>Buffer addresses, lengths and file offsets of direct writes are multiples of this (the largest logical block size in use).</summary>
    public const int Alignment = 4096;

    private const int GetFlags = 3;   // F_GETFL
    private const int SetFlags = 4;   // F_SETFL

    // O_DIRECT differs between architectures (asm-generic/fcntl.h vs arch/arm64).
    private static readonly int DirectFlag = !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => 0,
    };

    private static volatile bool _refused;

    /// <summary>Set once a file system accepted the flag but refused a direct write: from then on this process writes through the page cache.</summary>
    public static bool Refused
    {
        get => _refused;
        set => _refused = value;
    }

    public static bool IsAligned(long value) => value % Alignment == 0;

    /// <summary>Turns direct I/O on or off for an open file; false when it cannot be changed (then the file is as it was).</summary>
    public static bool TrySet(SafeFileHandle file, bool enabled)
    {
        if (DirectFlag == 0)
        {
            return !enabled;
        }

        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var fd = (int)file.DangerousGetHandle();
            var flags = Fcntl(fd, GetFlags, 0);
            if (flags < 0)
            {
                return false;
            }

            var wanted = enabled ? flags | DirectFlag : flags & ~DirectFlag;
            return wanted == flags || Fcntl(fd, SetFlags, wanted) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // An unusual C library: stay buffered rather than fail uploads.
            return !enabled;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, nint argument);   // variadic: the C library reads a word
}
