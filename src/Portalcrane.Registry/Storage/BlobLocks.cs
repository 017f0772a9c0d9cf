using Portalcrane.Oci;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// Striped per-digest locks that order "a blob becomes stored and linked" against "garbage
/// collection deletes it": the collector never removes a file that an upload or mount has just
/// claimed. Within one process; with several replicas, garbage collection runs in one of them.
/// </summary>
public sealed class BlobLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> AcquireAsync(Digest digest, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(digest.Hex) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
