using System.Text;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Images;

/// <summary>
/// An OCI image layout folder (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>): written
/// by the tests as the source of a push, read back as the destination of a pull.
/// https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md
/// </summary>
public sealed class OciLayout(string path)
{
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public string Path { get; } = path;

    /// <summary>Creates an empty layout (no tags yet) at <paramref name="path"/>.</summary>
    public static OciLayout Create(string path)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(path, "blobs", "sha256"));
        File.WriteAllText(System.IO.Path.Combine(path, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var layout = new OciLayout(path);
        layout.WriteIndex(new JsonArray());
        return layout;
    }

    /// <summary>The skopeo/podman reference of a tag in this layout: <c>oci:PATH:TAG</c>.</summary>
    public string Reference(string tag) => $"oci:{Path}:{tag}";

    public BlobDescriptor WriteBlob(string mediaType, byte[] content)
    {
        var digest = Sha256.Digest(content);
        File.WriteAllBytes(BlobPath(digest), content);
        return new BlobDescriptor(mediaType, digest, content.Length);
    }

    public BlobDescriptor WriteJson(string mediaType, JsonNode json) =>
        WriteBlob(mediaType, Encoding.UTF8.GetBytes(json.ToJsonString()));

    /// <summary>Points <paramref name="tag"/> at a manifest or index, replacing what the tag named before.</summary>
    public void Tag(string tag, BlobDescriptor target)
    {
        var manifests = new JsonArray();
        foreach (var entry in ReadIndex())
        {
            if ((string?)entry!["annotations"]?[RefNameAnnotation] != tag)
            {
                manifests.Add(entry.DeepClone());
            }
        }

        var descriptor = target.ToJson();
        descriptor["annotations"] = new JsonObject { [RefNameAnnotation] = tag };
        manifests.Add(descriptor);
        WriteIndex(manifests);
    }

    /// <summary>The descriptor <c>index.json</c> holds for a tag; fails the test when there is none.</summary>
    public BlobDescriptor Resolve(string tag)
    {
        var entry = ReadIndex().SingleOrDefault(e => (string?)e!["annotations"]?[RefNameAnnotation] == tag);
        Assert.True(entry is not null, $"the layout {Path} has no tag '{tag}'; index.json is {File.ReadAllText(IndexPath)}");
        return BlobDescriptor.FromJson(entry);
    }

    public byte[] ReadBlob(string digest) => File.ReadAllBytes(BlobPath(digest));

    public JsonNode ReadJson(string digest) => JsonNode.Parse(ReadBlob(digest))!;

    public bool HasBlob(string digest) => File.Exists(BlobPath(digest));

    private string IndexPath => System.IO.Path.Combine(Path, "index.json");

    private string BlobPath(string digest) => System.IO.Path.Combine(Path, "blobs", "sha256", digest["sha256:".Length..]);

    private JsonArray ReadIndex() => JsonNode.Parse(File.ReadAllText(IndexPath))!["manifests"]!.AsArray();

    private void WriteIndex(JsonArray manifests) =>
        File.WriteAllText(IndexPath, new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ImageMediaTypes.OciIndex,
            ["manifests"] = manifests,
        }.ToJsonString());
}
