using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Uploads;

/// <summary>
/// Streams a request body into a file while hashing it, in constant memory whatever the size. A
/// body that arrives whole within <see cref="SmallBody"/> bytes is hashed and written at once;
/// anything larger is copied into aligned buffers that <see cref="ChunkedFileWriter"/> hashes and
/// writes on other cores while the request keeps reading.
/// </summary>
internal static class BodyWriter
{
    /// <summary>Up to this much is gathered before deciding; Kestrel pauses a body at 1 MiB unread.</summary>
    private const int SmallBody = 256 * 1024;

    public static async Task<long> CopyAsync(PipeReader body, SafeFileHandle file, long offset, IncrementalHash hash, bool direct, ILogger logger, CancellationToken cancellationToken)
    {
        var result = await body.ReadAsync(cancellationToken);
        while (!result.IsCompleted && result.Buffer.Length < SmallBody)
        {
            body.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await body.ReadAsync(cancellationToken);
        }

        if (result.IsCompleted && result.Buffer.Length <= SmallBody)
        {
            var whole = result.Buffer;
            var length = whole.Length;
            var segments = new List<ReadOnlyMemory<byte>>();
            foreach (var segment in whole)
            {
                hash.AppendData(segment.Span);
                segments.Add(segment);
            }

            RandomAccess.Write(file, segments, offset);

            // Read the length before AdvanceTo: the pipe recycles the segments it is computed from.
            body.AdvanceTo(whole.End);
            return length;
        }

        await using var writer = new ChunkedFileWriter(file, offset, hash, direct, logger);
        var target = await writer.NextBufferAsync(cancellationToken);
        var filled = 0;
        long total = 0;
        while (true)
        {
            var buffer = result.Buffer;
            while (!buffer.IsEmpty)
            {
                var take = (int)Math.Min(buffer.Length, target.Length - filled);
                buffer.Slice(0, take).CopyTo(target.Span[filled..]);
                buffer = buffer.Slice(take);
                filled += take;
                total += take;
                if (filled == target.Length)
                {
                    writer.Submit(filled);
                    target = await writer.NextBufferAsync(cancellationToken);
                    filled = 0;
                }
            }

            body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }

            result = await body.ReadAsync(cancellationToken);
        }

        if (filled > 0)
        {
            writer.Submit(filled);
        }

        await writer.CompleteAsync();
        return total;
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
