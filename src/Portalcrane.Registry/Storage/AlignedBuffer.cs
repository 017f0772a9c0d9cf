using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// A page-aligned buffer of <see cref="Size"/> bytes for direct I/O, in native memory (freed the
/// moment it is not kept, never moved by the garbage collector). At most <see cref="MaxInUse"/>
/// exist at once in the process, so any number of concurrent uploads stays within a fixed amount
/// of memory (a renter waits for one); a few are kept for reuse, since fresh memory costs page
/// faults on every first touch.
/// </summary>
internal sealed class AlignedBuffer : MemoryManager<byte>
{
    public const int Size = 4 * 1024 * 1024;

    /// <summary>Buffers in use at most (128 MiB).</summary>
    public const int MaxInUse = 32;

    /// <summary>Buffers kept when returned; the rest are freed.</summary>
    private const int MaxRetained = 4;

    private static readonly SemaphoreSlim _inUse = new(MaxInUse, MaxInUse);
    private static readonly ConcurrentQueue<AlignedBuffer> _free = new();
    private static int _retained;

    private readonly unsafe byte* _pointer = (byte*)NativeMemory.AlignedAlloc(Size, DirectIo.Alignment);

    private AlignedBuffer()
    {
    }

    /// <summary>Waits until fewer than <see cref="MaxInUse"/> buffers are out, then hands one over.</summary>
    public static async ValueTask<AlignedBuffer> RentAsync(CancellationToken cancellationToken = default)
    {
        await _inUse.WaitAsync(cancellationToken);
        return Take();
    }

    /// <summary>A buffer if one can be had without waiting, else null.</summary>
    public static AlignedBuffer? TryRent() => _inUse.Wait(0) ? Take() : null;

    /// <summary>A kept buffer, or a new one; the caller holds one of the <see cref="MaxInUse"/> places.</summary>
    private static AlignedBuffer Take()
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
            ((IDisposable)buffer).Dispose();
        }

        _inUse.Release();
    }

    public override unsafe Span<byte> GetSpan() => new(_pointer, Size);

    public override unsafe MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
        // Native memory never moves.
    }

    protected override unsafe void Dispose(bool disposing) => NativeMemory.AlignedFree(_pointer);
}
