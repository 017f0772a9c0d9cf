using Portalcrane.Oci;

namespace Portalcrane.Registry.Manifests;

public enum ManifestPutStatus
{
    Created,
    Invalid,
    DigestInvalid,
    BlobUnknown,
}

/// <summary>The result of a manifest PUT: the stored digest and subject, or why it was refused.</summary>
public sealed record ManifestPutOutcome(ManifestPutStatus Status, Digest Digest = default, string? Subject = null, string? Detail = null);
