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

    /// <summary>
    /// Read the parts of large blobs (1 MiB and more) that are not in the page cache with direct
    /// I/O, so a pull of a freshly pushed layer does not pay for filling page-cache memory. Where
    /// the kernel cannot tell what is cached (before Linux 6.5, or the call is filtered), every
    /// read goes through the page cache anyway.
    /// </summary>
    public bool DirectReads { get; set; } = true;

    /// <summary>
    /// After a GET read part of a blob past the page cache, bring the blob into the cache on a
    /// thread of idle priority, so later pulls of it come from memory. Off: blobs enter the page
    /// cache only through reads that find them there already, or with <see cref="DirectReads"/> off.
    /// </summary>
    public bool WarmPageCache { get; set; } = true;

    /// <summary>
    /// The page-cache warmer works only while the rest of the machine uses less than this share of
    /// all its CPU time (0.25: a quarter), so it never slows other work down; it never works during
    /// a blob download of this process either. 1: whenever no download is in progress.
    /// </summary>
    public double WarmWhileBusyBelow { get; set; } = 0.25;

    /// <summary>Largest page of <c>_catalog</c> and <c>tags/list</c>; also the page size when no <c>n</c> is given.</summary>
    public int MaxPageSize { get; set; } = 10_000;
}
