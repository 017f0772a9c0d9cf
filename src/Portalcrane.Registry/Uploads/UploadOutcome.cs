using Portalcrane.Oci;

namespace Portalcrane.Registry.Uploads;

/// <summary>What happened to an upload request.</summary>
public enum UploadStatus
{
    /// <summary>Bytes accepted; <see cref="UploadOutcome.Size"/> is the session's new length.</summary>
    Accepted,

    /// <summary>The blob is verified and stored.</summary>
    Committed,

    /// <summary>No such session in this repository (never started, finished, cancelled or expired).</summary>
    Unknown,

    /// <summary>The chunk does not start where the session ends.</summary>
    RangeInvalid,

    /// <summary>The body's length does not match Content-Range or Content-Length.</summary>
    SizeInvalid,

    /// <summary>The content does not hash to the digest given.</summary>
    DigestInvalid,
}

/// <summary>The status of an upload request and the session length or blob digest that goes with it.</summary>
public sealed record UploadOutcome(UploadStatus Status, long Size = 0, Digest Digest = default, string? Detail = null);
