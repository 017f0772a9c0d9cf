using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// Reads a file past the page cache (direct I/O) into pooled page-aligned buffers, one chunk
/// ahead: while the caller sends a chunk, the next one is read from the disk, so a download runs
/// at the pace of the slower of the two instead of their sum. It holds at most two buffers, and
/// waits for one only while it holds none (the read-ahead takes a buffer only if one is free), so
/// readers can never starve one another of the pool.
/// </summary>
internal sealed class DirectChunkReader : IAsyncDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long _end;
    private Ahead? _ahead;

    private DirectChunkReader(SafeFileHandle file, long end)
    {
        _file = file;
        _end = end;
    }

    /// <summary>A reader of the file up to <paramref name="end"/>, or null where the file system has no direct I/O.</summary>
    public static DirectChunkReader? Open(string path, long end)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (DirectIo.TrySet(file, enabled: true))
        {
            return new DirectChunkReader(file, end);
        }

        file.Dispose();
        return null;
    }

    /// <summary>
    /// Writes up to <paramref name="want"/> bytes from <paramref name="position"/> to
    /// <paramref name="writer"/> (read from the enclosing aligned blocks) and starts reading the
    /// chunk after them; the count written, or -1 when the file system refused the direct read.
    /// </summary>
    public async ValueTask<int> CopyToAsync(IBufferWriter<byte> writer, long position, int want, CancellationToken cancellationToken)
    {
        var skip = (int)(position % DirectIo.Alignment);
        var at = position - skip;
        var length = Align(skip + want);
        AlignedBuffer buffer;
        int got;
        if (_ahead is { } ahead && ahead.At == at && ahead.Length >= length)
        {
            _ahead = null;
            buffer = ahead.Buffer;
            got = await ReadOrRefusedAsync(ahead.Read);
        }
        else
        {
            await DropAheadAsync();
            buffer = await AlignedBuffer.RentAsync(cancellationToken);
            try
            {
                got = Read(buffer, at, length);
            }
            catch (IOException)
            {
                got = -1;
            }
        }

        try
        {
            if (got < 0)
            {
                return -1;
            }

            ReadAhead(at + length, length);
            var usable = Math.Clamp(got - skip, 0, want);
            writer.Write(buffer.GetSpan().Slice(skip, usable));
            return usable;
        }
        finally
        {
            AlignedBuffer.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAheadAsync();
        _file.Dispose();
    }

    private static int Align(long length) => (int)((length + DirectIo.Alignment - 1) / DirectIo.Alignment * DirectIo.Alignment);

    private static async Task<int> ReadOrRefusedAsync(Task<int> read)
    {
        try
        {
            return await read;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private int Read(AlignedBuffer buffer, long at, int length) => RandomAccess.Read(_file, buffer.GetSpan()[..length], at);

    private void ReadAhead(long at, int length)
    {
        if (at >= _end || AlignedBuffer.TryRent() is not { } buffer)
        {
            return;
        }

        length = Math.Min(length, Align(_end - at));
        _ahead = new Ahead(at, length, buffer, Task.Run(() => Read(buffer, at, length)));
    }

    private async Task DropAheadAsync()
    {
        if (_ahead is { } ahead)
        {
            _ahead = null;
            await ReadOrRefusedAsync(ahead.Read);
            AlignedBuffer.Return(ahead.Buffer);
        }
    }

    private sealed record Ahead(long At, int Length, AlignedBuffer Buffer, Task<int> Read);
}
