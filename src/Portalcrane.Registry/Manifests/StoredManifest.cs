namespace Portalcrane.Registry.Manifests;

/// <summary>A manifest as it is served: its digest, media type and the exact bytes pushed.</summary>
public sealed record StoredManifest(string Digest, string MediaType, byte[] Content);
