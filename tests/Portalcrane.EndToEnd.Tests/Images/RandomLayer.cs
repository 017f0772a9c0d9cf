using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Portalcrane.EndToEnd.Tests.Images;

/// <summary>
/// A layer of random, incompressible bytes: a gzip of a tar holding one file, so every layer is
/// unique and its compressed digest cannot be produced by accident (or deduplicated away).
/// </summary>
public sealed record RandomLayer(byte[] Compressed, string DiffId)
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RandomLayer Create(string fileName, int size)
    {
        var content = new byte[size];
        RandomNumberGenerator.Fill(content);

        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "data/")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                ModificationTime = Epoch,
            });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"data/{fileName}")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = Epoch,
                DataStream = new MemoryStream(content),
            });
        }

        var uncompressed = tar.ToArray();
        using var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(uncompressed);
        }

        return new RandomLayer(gzip.ToArray(), Sha256.Digest(uncompressed));
    }
}
