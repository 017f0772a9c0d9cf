namespace Portalcrane.Oci;

/// <summary>Media types the registry understands as manifests.</summary>
public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public const string OctetStream = "application/octet-stream";
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string DockerImageConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>A config blob that describes a runnable image (platform, environment, history), not an artifact's.</summary>
    public static bool IsImageConfig(string mediaType) => mediaType is OciImageConfig or DockerImageConfig;

    public static bool IsImageManifest(string mediaType) => mediaType is OciManifest or DockerManifest;

    public static bool IsIndex(string mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsManifest(string mediaType) => IsImageManifest(mediaType) || IsIndex(mediaType);

    /// <summary>
    /// Layers a registry is not expected to hold (Windows foreign layers and the OCI
    /// non-distributable types), whose blobs need not exist at manifest PUT.
    /// https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#non-distributable-layers
    /// </summary>
    public static bool IsForeignLayer(string mediaType) =>
        mediaType.StartsWith("application/vnd.docker.image.rootfs.foreign.", StringComparison.Ordinal)
        || mediaType.StartsWith("application/vnd.oci.image.layer.nondistributable.", StringComparison.Ordinal);
}
