using Portalcrane.Oci;

namespace Portalcrane.Registry.Blobs;

/// <summary>A blob a repository may read, with the file that holds its bytes.</summary>
public sealed record StoredBlob(Digest Digest, long Size, string Path);
