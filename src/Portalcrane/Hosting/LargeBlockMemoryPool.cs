using System.Buffers;
using System.Collections.Concurrent;

namespace Portalcrane.Hosting;

/// <summary>
/// Kestrel's buffers in blocks of <see cref="BlockSize"/> instead of its default 4 KiB. The socket
/// transport receives into one block per system call, so a blob upload of 1 GiB costs 16,384
/// receives instead of 262,144; pinned once (pinned object heap), reused, and only
/// <see cref="MaxRetainedBlocks"/> kept when idle.
/// </summary>
public sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    /// <summary>
    /// Blocks kept for reuse (16 MiB); more are left to the garbage collector when returned. Pinned
    /// blocks are only reclaimed by full collections, so a busy server should rarely drop one.
    /// </summary>
    internal const int MaxRetainedBlocks = 256;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _retained;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _retained);
            block.Rented = true;
            return block;
        }

        return new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
    }

    protected override void Dispose(bool disposing)
    {
        _free.Clear();
    }

    private void Return(Block block)
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

    private sealed class Block(LargeBlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented { get; set; } = true;

        public Memory<byte> Memory => array;

        public void Dispose()
        {
            // Kestrel returns each block once; a second Dispose must not put it in the queue twice.
            if (Rented)
            {
                Rented = false;
                pool.Return(this);
            }
        }
    }
}
