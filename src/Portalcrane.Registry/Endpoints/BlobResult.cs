using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Portalcrane.Registry.Blobs;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Endpoints;

/// <summary>
/// Serves a blob file, whole or one byte range, reading straight into large buffers of the
/// response pipe: one read and one send per MiB instead of a copy through a small stream buffer.
/// A request with several ranges gets the whole blob, as HTTP allows.
/// https://www.rfc-editor.org/rfc/rfc9110#name-range-requests
/// </summary>
/// <remarks>
/// What the page cache holds is read from it. The rest of a large blob (a freshly pushed layer,
/// since uploads write past the cache) is read with direct I/O, one chunk ahead of the send
/// (<see cref="DirectChunkReader"/>), and the blob is handed to the <see cref="PageCacheWarmer"/>: the pull never pays for
/// filling fresh page-cache memory, and later pulls are served from memory once the machine had
/// idle time to warm it.
/// </remarks>
internal sealed class BlobResult(StoredBlob blob, bool directReads, PageCacheWarmer? warmer) : IResult
{
    private const int ChunkSize = 1024 * 1024;

    /// <summary>Smaller blobs (configs, small layers) always go through the page cache.</summary>
    private const long DirectReadMinimum = ChunkSize;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var digest = blob.Digest.ToString();
        response.ContentType = "application/octet-stream";
        response.Headers[Oci.ContentDigestHeader] = digest;
        response.Headers.ETag = $"\"{digest}\"";
        response.Headers.AcceptRanges = "bytes";

        var (start, length) = (0L, blob.Size);
        if (TryReadRange(request, blob.Size, out var range, out var unsatisfiable))
        {
            (start, length) = range;
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{start + length - 1}/{blob.Size}");
        }
        else if (unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{blob.Size}");
            response.ContentLength = 0;
            return;
        }

        response.ContentLength = length;
        if (HttpMethods.IsHead(request.Method) || length == 0)
        {
            return;
        }

        var cancellationToken = httpContext.RequestAborted;
        using var downloading = warmer?.Downloading();
        var end = start + length;
        var direct = directReads && blob.Size >= DirectReadMinimum ? DirectChunkReader.Open(blob.Path, end) : null;
        await using var _ = direct;

        // With direct reads, the buffered handle reads only what is cached: no read-ahead on it
        // (FileOptions.RandomAccess), or each cached chunk would pull the next ones in untouched.
        using var file = File.OpenHandle(blob.Path, FileMode.Open, FileAccess.Read, FileShare.Read, direct is null ? FileOptions.SequentialScan : FileOptions.RandomAccess);
        var writer = response.BodyWriter;
        var position = start;
        while (position < end)
        {
            var want = (int)Math.Min(ChunkSize, end - position);
            var read = -1;
            if (direct is not null && PageCache.IsCached(file, position, want) == false)
            {
                warmer?.Enqueue(blob.Path);
                read = await direct.CopyToAsync(writer, position, want, cancellationToken);
                if (read < 0)
                {
                    direct = null;   // refused: the rest goes through the page cache
                }
            }

            if (read < 0)
            {
                var memory = writer.GetMemory(want);
                read = RandomAccess.Read(file, memory.Span[..want], position);
                writer.Advance(read);
            }

            if (read == 0)
            {
                throw new IOException($"blob {digest} ended at {position} of {end} bytes");
            }

            position += read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>A single <c>bytes=</c> range, resolved against the blob size.</summary>
    private static bool TryReadRange(HttpRequest request, long size, out (long Start, long Length) range, out bool unsatisfiable)
    {
        range = default;
        unsatisfiable = false;
        var header = request.Headers.Range.ToString();
        if (header.Length == 0 || !RangeHeaderValue.TryParse(header, out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
        {
            return false;
        }

        var item = parsed.Ranges.First();
        long start, last;
        if (item.From is { } from)
        {
            start = from;
            last = Math.Min(item.To ?? size - 1, size - 1);
        }
        else
        {
            // "bytes=-N": the last N bytes.
            start = Math.Max(0, size - (item.To ?? 0));
            last = size - 1;
        }

        if (start >= size || last < start)
        {
            unsatisfiable = true;
            return false;
        }

        range = (start, last - start + 1);
        return true;
    }
}
