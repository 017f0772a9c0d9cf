using Portalcrane.EndToEnd.Tests.Images;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>
/// What Portalcrane keeps under <c>DATA_DIR/blobs</c>, read straight from disk: a content store
/// must never show a file whose bytes are not the blob its name promises.
/// </summary>
public static class StoredBlobFiles
{
    /// <summary>Every file under DATA_DIR/blobs; fails the test if any of them does not hash to its own name.</summary>
    public static IReadOnlyList<string> ListVerified(string dataDirectory)
    {
        var root = Path.Combine(dataDirectory, "blobs");
        var files = Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            : [];
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var actual = Sha256.HexOfFile(file);
            Assert.True(actual == name, $"{file} ({new FileInfo(file).Length} bytes) hashes to sha256:{actual}, not to its name");
        }

        return files;
    }

    /// <summary>The files under DATA_DIR/blobs that hold <paramref name="digest"/> (named after its hex).</summary>
    public static IReadOnlyList<string> FilesOf(string dataDirectory, string digest)
    {
        var hex = digest[(digest.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return [.. ListVerified(dataDirectory).Where(f => Path.GetFileName(f) == hex)];
    }
}
