using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Portalcrane.Registry.Storage;
using Portalcrane.Registry.Uploads;

namespace Portalcrane.Registry.Tests;

/// <summary>
/// The upload write path: whatever the body's size, the pieces it arrives in and the offset it
/// starts at (direct I/O for aligned blocks, the page cache for ragged edges), the file ends up
/// with exactly the bytes sent, the hash covers exactly them, and a large body does not fill the
/// page cache.
/// </summary>
public sealed class BodyWriterTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly string _folder = Directory.CreateTempSubdirectory("portalcrane-body-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, true)]
    [InlineData(0, 4095, true)]
    [InlineData(0, 4096, true)]
    [InlineData(0, 70_000, true)]
    [InlineData(0, 300_000, true)]
    [InlineData(0, (4 * MiB) - 1, true)]
    [InlineData(0, 4 * MiB, true)]
    [InlineData(0, (4 * MiB) + 1, true)]
    [InlineData(0, (13 * MiB) + 12_345, true)]
    [InlineData(1000, (9 * MiB) + 7, true)]
    [InlineData(8192, 12 * MiB, true)]
    [InlineData(0, 12 * MiB, false)]
    [InlineData(1000, (9 * MiB) + 7, false)]
    public async Task The_file_holds_exactly_the_bytes_sent_after_what_it_held(int existing, int size, bool direct)
    {
        var before = TestContent.RandomBytes(existing);
        var body = TestContent.RandomBytes(size);
        var path = Path.Combine(_folder, "upload");
        await File.WriteAllBytesAsync(path, before);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(before);
        var pipe = NetworkLikePipe();
        long written;
        long resident;
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            var copying = BodyWriter.CopyAsync(pipe.Reader, file, existing, hash, direct, NullLogger.Instance, CancellationToken.None);
            await SendInUnevenPiecesAsync(pipe.Writer, body, body.Length);
            written = await copying;
            resident = PageCache.ResidentPages(file);
        }

        Assert.Equal(size, written);
        var pages = (existing + size + 4095) / 4096;
        if (!direct)
        {
            // The control: buffered writes leave every page in the page cache.
            Assert.Equal(pages, resident);
        }
        else if (existing % 4096 == 0 && size > 256 * 1024)
        {
            // Direct writes leave nothing behind but what was there and a ragged last page.
            Assert.InRange(resident, 0, (existing / 4096) + 1);
        }

        var stored = await File.ReadAllBytesAsync(path);
        Assert.Equal(before.Length + body.Length, stored.Length);
        Assert.True(stored.AsSpan(0, existing).SequenceEqual(before));
        Assert.True(stored.AsSpan(existing).SequenceEqual(body));
        Assert.Equal(SHA256.HashData(stored), hash.GetCurrentHash());
    }

    [Fact]
    public async Task A_body_that_breaks_off_leaves_a_prefix_of_what_was_sent_and_nothing_writes_after()
    {
        var body = TestContent.RandomBytes(13 * MiB);
        var path = Path.Combine(_folder, "broken");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var pipe = NetworkLikePipe();
        using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);

        var copying = BodyWriter.CopyAsync(pipe.Reader, file, 0, hash, direct: true, NullLogger.Instance, CancellationToken.None);
        await SendInUnevenPiecesAsync(pipe.Writer, body, 9 * MiB, new IOException("client went away"));
        var thrown = await Assert.ThrowsAsync<IOException>(() => copying);
        Assert.Equal("client went away", thrown.Message);

        var length = RandomAccess.GetLength(file);
        await Task.Delay(200);
        Assert.Equal(length, RandomAccess.GetLength(file));
        Assert.InRange(length, 0, 9 * MiB);
        var stored = new byte[length];
        RandomAccess.Read(file, stored, 0);
        Assert.True(stored.AsSpan().SequenceEqual(body.AsSpan(0, (int)length)));
    }

    [Fact]
    public void Direct_io_reaches_files_on_this_file_system_and_can_be_turned_off()
    {
        // The kernel refuses an unaligned write on a file opened for direct I/O; that is how this
        // checks the flag (whose value differs between architectures) really reached the file.
        using var file = File.OpenHandle(Path.Combine(_folder, "direct"), FileMode.CreateNew, FileAccess.ReadWrite);
        Assert.True(DirectIo.TrySet(file, enabled: true));
        Assert.ThrowsAny<IOException>(() => RandomAccess.Write(file, new byte[100], 0));

        Assert.True(DirectIo.TrySet(file, enabled: false));
        RandomAccess.Write(file, new byte[100], 0);
        Assert.Equal(100, RandomAccess.GetLength(file));
    }

    /// <summary>A pipe that holds little, so the body reaches the reader piece by piece, as from a socket.</summary>
    private static Pipe NetworkLikePipe() => new(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));

    /// <summary>Sends the first <paramref name="count"/> bytes in pieces of varying size, then completes (with <paramref name="error"/> if given).</summary>
    private static async Task SendInUnevenPiecesAsync(PipeWriter writer, byte[] body, int count, Exception? error = null)
    {
        var random = new Random(body.Length);
        var sent = 0;
        while (sent < count)
        {
            var piece = Math.Min(count - sent, random.Next(1, 100_000));
            await writer.WriteAsync(body.AsMemory(sent, piece));
            sent += piece;
        }

        await writer.CompleteAsync(error);
    }
}
