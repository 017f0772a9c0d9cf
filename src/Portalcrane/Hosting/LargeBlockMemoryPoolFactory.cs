using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Portalcrane.Hosting;

/// <summary>
/// Gives Kestrel (transport and protocol buffers) one <see cref="LargeBlockMemoryPool"/> for the
/// whole process: Kestrel asks for a pool per transport queue and listener, and one shared pool
/// keeps what idle blocks cost bounded however many cores there are.
/// </summary>
public sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    private readonly LargeBlockMemoryPool _pool = new();

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => _pool;
}
