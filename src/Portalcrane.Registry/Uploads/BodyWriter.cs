using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Portalcrane.Registry.Uploads;

/// <summary>
/// Streams a request body into a file while hashing it: constant memory whatever the size,
/// the bytes are touched once by the hash and handed to the kernel in one gathered write per read.
/// </summary>
internal static class BodyWriter
{
    /// <summary>Reads at least this much before handing a write to another core.</summary>
    private const long ParallelThreshold = 512 * 1024;

    public static async Task<long> CopyAsync(PipeReader body, SafeFileHandle file, long offset, IncrementalHash hash, CancellationToken cancellationToken)
    {
        long written = 0;
        var segments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= ParallelThreshold || (result.IsCompleted && !buffer.IsEmpty))
            {
                segments.Clear();
                foreach (var segment in buffer)
                {
                    segments.Add(segment);
                }

                // Hashing and writing the same bytes are independent: the kernel copies them
                // into the page cache on one core while SHA-256 runs on the other.
                var position = offset + written;
                var write = buffer.Length >= ParallelThreshold
                    ? Task.Run(() => RandomAccess.Write(file, segments, position), cancellationToken)
                    : null;
                foreach (var segment in segments)
                {
                    hash.AppendData(segment.Span);
                }

                if (write is null)
                {
                    RandomAccess.Write(file, segments, position);
                }
                else
                {
                    await write;
                }

                written += buffer.Length;
                body.AdvanceTo(buffer.End);
            }
            else
            {
                // Too little to be worth a write: wait for more.
                body.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                return written;
            }
        }
    }

    /// <summary>Hashes the first <paramref name="length"/> bytes of a file (to rebuild a session's hash after a restart).</summary>
    public static async Task<IncrementalHash> HashFileAsync(string path, long length, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
            long done = 0;
            while (done < length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, read);
                done += read;
            }

            return hash;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
