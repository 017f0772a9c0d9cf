using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// A page-aligned buffer of <see cref="Size"/> bytes for direct I/O, on the pinned object heap so its
/// address never moves. A few are kept for reuse: fresh memory costs page faults on every first touch.
/// </summary>
internal sealed class AlignedBuffer
{
    public const int Size = 4 * 1024 * 1024;

    /// <summary>Buffers kept when returned (the rest go to the garbage collector).</summary>
    private const int MaxRetained = 8;

    private static readonly ConcurrentQueue<AlignedBuffer> _free = new();
    private static int _retained;

    private AlignedBuffer()
    {
        var array = GC.AllocateUninitializedArray<byte>(Size + DirectIo.Alignment, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var offset = (int)((DirectIo.Alignment - (address % DirectIo.Alignment)) % DirectIo.Alignment);
        Memory = array.AsMemory(offset, Size);
    }

    public Memory<byte> Memory { get; }

    public static AlignedBuffer Rent()
    {
        if (_free.TryDequeue(out var buffer))
        {
            Interlocked.Decrement(ref _retained);
            return buffer;
        }

        return new AlignedBuffer();
    }

    public static void Return(AlignedBuffer buffer)
    {
        if (Interlocked.Increment(ref _retained) <= MaxRetained)
        {
            _free.Enqueue(buffer);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}
