namespace Portalcrane.Registry;

/// <summary>Settings of the registry engine, bound from the "Registry" configuration section.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>An upload session untouched for this long is forgotten and its bytes deleted.</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired upload sessions are purged.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Flush each blob to disk before it becomes visible, so even a power cut can never expose a
    /// blob whose bytes did not reach the disk. Off by default, as in CNCF Distribution: a killed
    /// or crashed process never exposes a partial blob either way (blobs appear by rename of a
    /// verified file), and the fsync caps uploads at the disk's sustained write speed.
    /// </summary>
    public bool FlushBlobsToDisk { get; set; }

    /// <summary>
    /// Write the aligned blocks of uploaded blobs with direct I/O (Linux <c>O_DIRECT</c>), past the
    /// page cache: pushing large layers then neither pays for filling page-cache memory nor evicts
    /// what pulls are reading. File systems that refuse it get buffered writes anyway; turn it off
    /// where direct I/O is slow (some network file systems).
    /// </summary>
    public bool DirectUploads { get; set; } = true;

    /// <summary>Largest page of <c>_catalog</c> and <c>tags/list</c>; also the page size when no <c>n</c> is given.</summary>
    public int MaxPageSize { get; set; } = 10_000;
}
