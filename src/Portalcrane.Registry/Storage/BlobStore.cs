using Microsoft.Extensions.Options;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Storage;

/// <summary>
/// The filesystem content store. A blob file appears only by an atomic rename of a verified
/// temp file, so a reader never sees a partial blob; identical content is kept once.
/// </summary>
public sealed class BlobStore(RegistryPaths paths, IOptions<RegistryOptions> options)
{
    public string PathOf(Digest digest) => Path.Combine(paths.Blobs, digest.Algorithm, digest.Hex[..2], digest.Hex);

    public bool Exists(Digest digest) => File.Exists(PathOf(digest));

    /// <summary>Moves a verified temp file into place, or drops it when the content is already stored.</summary>
    public void Commit(string tempPath, Digest digest)
    {
        var target = PathOf(digest);
        if (File.Exists(target))
        {
            File.Delete(tempPath);
            return;
        }

        if (options.Value.FlushBlobsToDisk)
        {
            using var handle = File.OpenHandle(tempPath, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.FlushToDisk(handle);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // rename(2) replaces atomically; two uploads of the same content racing here both
        // leave identical bytes behind.
        File.Move(tempPath, target, overwrite: true);
    }

    public void Delete(Digest digest) => File.Delete(PathOf(digest));
}
