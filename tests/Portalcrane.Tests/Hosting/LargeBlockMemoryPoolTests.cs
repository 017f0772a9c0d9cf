using System.Runtime.CompilerServices;
using Portalcrane.Hosting;

namespace Portalcrane.Tests.Hosting;

/// <summary>Kestrel's buffers: a block in use is never handed to a second connection.</summary>
public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Blocks_are_64_KiB_and_a_larger_request_is_refused()
    {
        using var pool = new LargeBlockMemoryPool();
        using var block = pool.Rent(1);
        Assert.Equal(64 * 1024, block.Memory.Length);
        Assert.Equal(64 * 1024, pool.MaxBufferSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent((64 * 1024) + 1));
    }

    [Fact]
    public void A_returned_block_is_reused_and_a_late_second_dispose_never_frees_it_again()
    {
        using var pool = new LargeBlockMemoryPool();
        var first = pool.Rent();
        first.Dispose();
        first.Dispose();

        using var second = pool.Rent();
        Assert.True(SameStart(first.Memory, second.Memory));

        // The old owner disposed once more while its block is rented again: the block must not
        // go back to the pool, or the next rent would share it.
        first.Dispose();
        using var third = pool.Rent();
        Assert.False(SameStart(second.Memory, third.Memory));
    }

    [Fact]
    public void Every_pool_Kestrel_asks_for_is_the_same_one()
    {
        var factory = new LargeBlockMemoryPoolFactory();
        Assert.Same(factory.Create(), factory.Create());
    }

    private static bool SameStart(Memory<byte> a, Memory<byte> b) => Unsafe.AreSame(ref a.Span[0], ref b.Span[0]);
}
