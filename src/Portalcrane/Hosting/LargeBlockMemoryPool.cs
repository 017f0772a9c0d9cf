using System.Buffers;
using System.Collections.Concurrent;

namespace Portalcrane.Hosting;

/// <summary>
/// Kestrel's buffers in blocks of <see cref="BlockSize"/> instead of its default 4 KiB. The socket
/// transport receives into one block per system call, so a blob upload of 1 GiB costs 16,384
/// receives instead of 262,144. Blocks are pinned once (pinned object heap) and reused; at most
/// <see cref="MaxRetainedBlocks"/> are kept when idle. Each rent gets its own owner object, so a
/// late second dispose of an old rent can never free a block someone else holds.
/// </summary>
public sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    /// <summary>
    /// Blocks kept for reuse (16 MiB); more are left to the garbage collector when returned. Pinned
    /// blocks are only reclaimed by full collections, so a busy server should rarely drop one.
    /// </summary>
    private const int MaxRetainedBlocks = 256;

    private readonly ConcurrentQueue<byte[]> _free = new();
    private int _retained;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _retained);
        }
        else
        {
            block = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        }

        return new Lease(this, block);
    }

    protected override void Dispose(bool disposing)
    {
        // Shared by every Kestrel transport queue (see LargeBlockMemoryPoolFactory): each may
        // dispose it at shutdown, and blocks still out come back harmlessly afterwards.
    }

    private void Return(byte[] block)
    {
        if (Interlocked.Increment(ref _retained) <= MaxRetainedBlocks)
        {
            _free.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }

    private sealed class Lease(LargeBlockMemoryPool pool, byte[] block) : IMemoryOwner<byte>
    {
        private int _disposed;

        public Memory<byte> Memory => block;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pool.Return(block);
            }
        }
    }
}
