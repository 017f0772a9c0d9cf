using System.IO.Pipelines;
using System.Security.Cryptography;
using Portalcrane.Registry.Storage;
using Portalcrane.Registry.Uploads;

namespace Portalcrane.Registry.Tests;

/// <summary>
/// The upload write path: whatever the body's size, the pieces it arrives in and the offset it
/// starts at (direct I/O for aligned blocks, the page cache for ragged edges), the file ends up
/// with exactly the bytes sent and the hash covers exactly them.
/// </summary>
public sealed class BodyWriterTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly string _folder = Directory.CreateTempSubdirectory("portalcrane-body-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(0, 4095, true)]
    [InlineData(0, 4096, true)]
    [InlineData(0, (4 * MiB) - 1, true)]
    [InlineData(0, 4 * MiB, true)]
    [InlineData(0, (4 * MiB) + 1, true)]
    [InlineData(0, (13 * MiB) + 12_345, true)]
    [InlineData(1000, (9 * MiB) + 7, true)]
    [InlineData(8192, 12 * MiB, true)]
    [InlineData(1000, (9 * MiB) + 7, false)]
    public async Task The_file_holds_exactly_the_bytes_sent_after_what_it_held(int existing, int size, bool direct)
    {
        var before = TestContent.RandomBytes(existing);
        var body = TestContent.RandomBytes(size);
        var path = Path.Combine(_folder, "upload");
        await File.WriteAllBytesAsync(path, before);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(before);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var sending = SendInUnevenPiecesAsync(pipe.Writer, body);
        long written;
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            written = await BodyWriter.CopyAsync(pipe.Reader, file, existing, hash, direct, CancellationToken.None);
        }

        await sending;
        Assert.Equal(size, written);
        var stored = await File.ReadAllBytesAsync(path);
        Assert.Equal(before.Length + body.Length, stored.Length);
        Assert.True(stored.AsSpan(0, existing).SequenceEqual(before));
        Assert.True(stored.AsSpan(existing).SequenceEqual(body));
        Assert.Equal(SHA256.HashData(stored), hash.GetCurrentHash());
    }

    [Fact]
    public void Direct_io_is_really_on_for_files_in_the_data_folder_and_can_be_turned_off()
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

    /// <summary>Writes the body in pieces of varying size (a few bytes to a few hundred KiB), like a network would.</summary>
    private static async Task SendInUnevenPiecesAsync(PipeWriter writer, byte[] body)
    {
        var random = new Random(body.Length);
        var sent = 0;
        while (sent < body.Length)
        {
            var piece = Math.Min(body.Length - sent, random.Next(1, 300_000));
            await writer.WriteAsync(body.AsMemory(sent, piece));
            sent += piece;
        }

        await writer.CompleteAsync();
    }
}
