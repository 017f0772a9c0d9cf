using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Portalcrane.Hosting;

/// <summary>Gives Kestrel (transport and protocol buffers) the <see cref="LargeBlockMemoryPool"/>.</summary>
public sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
