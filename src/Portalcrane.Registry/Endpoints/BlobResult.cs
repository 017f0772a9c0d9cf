using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;
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
/// since uploads write past the cache) is read with direct I/O into a page-aligned buffer that is
/// reused, and the blob is handed to the <see cref="PageCacheWarmer"/>: the pull never pays for
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
        using var file = File.OpenHandle(blob.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var direct = directReads && blob.Size >= DirectReadMinimum ? OpenDirect(blob.Path) : null;
        try
        {
            var writer = response.BodyWriter;
            var position = start;
            var end = start + length;
            while (position < end)
            {
                var want = (int)Math.Min(ChunkSize, end - position);
                var read = -1;
                if (direct is not null && PageCache.IsCached(file, position, want) == false)
                {
                    warmer?.Enqueue(blob.Path);
                    read = await TryReadDirectAsync(direct, writer, position, want, cancellationToken);
                    if (read < 0)
                    {
                        direct.Dispose();
                        direct = null;
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
        finally
        {
            direct?.Dispose();
        }
    }

    /// <summary>A second handle on the blob with direct I/O, or null where the file system has none.</summary>
    private static SafeFileHandle? OpenDirect(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (DirectIo.TrySet(handle, enabled: true))
        {
            return handle;
        }

        handle.Dispose();
        return null;
    }

    /// <summary>
    /// Reads up to <paramref name="want"/> bytes at <paramref name="position"/> past the page cache
    /// (from the enclosing aligned blocks) and writes them to the response; the count written, or
    /// -1 when the file system refused the direct read (the caller then reads through the cache).
    /// </summary>
    private static async ValueTask<int> TryReadDirectAsync(SafeFileHandle direct, PipeWriter writer, long position, int want, CancellationToken cancellationToken)
    {
        var buffer = await AlignedBuffer.RentAsync(cancellationToken);
        try
        {
            var skip = (int)(position % DirectIo.Alignment);
            var blocks = (skip + want + DirectIo.Alignment - 1) / DirectIo.Alignment * DirectIo.Alignment;
            var span = buffer.GetSpan()[..blocks];
            int got;
            try
            {
                got = RandomAccess.Read(direct, span, position - skip);
            }
            catch (IOException)
            {
                return -1;
            }

            var usable = Math.Clamp(got - skip, 0, want);
            writer.Write(span.Slice(skip, usable));
            return usable;
        }
        finally
        {
            AlignedBuffer.Return(buffer);
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
