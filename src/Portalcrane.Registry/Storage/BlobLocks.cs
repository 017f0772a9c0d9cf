using Npgsql;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// Per-digest locks that order "a blob becomes stored and linked" against "garbage collection
/// deletes it": the collector never removes a file that an upload or mount has just claimed.
/// Striped semaphores within the process; with PostgreSQL (several processes may share the blob
/// folder) also a PostgreSQL advisory lock on the digest, held on a pooled connection.
/// </summary>
public sealed class BlobLocks(NpgsqlDataSource? postgres)
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IAsyncDisposable> AcquireAsync(Digest digest, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(digest.Hex) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        if (postgres is null)
        {
            return new Releaser(stripe, null, 0);
        }

        var key = Convert.ToInt64(digest.Hex[..16], 16);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await postgres.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Releaser(stripe, connection, key);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            stripe.Release();
            throw;
        }
    }

    private sealed class Releaser(SemaphoreSlim stripe, NpgsqlConnection? connection, long key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                if (connection is not null)
                {
                    await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
                    {
                        command.Parameters.AddWithValue("key", key);
                        await command.ExecuteNonQueryAsync();
                    }

                    // Closing the session would release it anyway; returning it to the pool resets it.
                    await connection.DisposeAsync();
                }
            }
            finally
            {
                stripe.Release();
            }
        }
    }
}
