using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Images;

/// <summary>Writes the images the tests push: generated on the spot, nothing is downloaded.</summary>
public static class TestImages
{
    public const int DefaultLayerSize = 384 * 1024;

    /// <summary>A linux image for <paramref name="architecture"/> with random layers, tagged <paramref name="tag"/> in the layout.</summary>
    public static TestImage WriteImage(OciLayout layout, string tag, string architecture = "amd64", int layerCount = 2, int layerSize = DefaultLayerSize)
    {
        var image = WriteUntaggedImage(layout, architecture, layerCount, layerSize);
        layout.Tag(tag, image.Manifest);
        return image;
    }

    /// <summary>An OCI image index listing a linux/amd64 and a linux/arm64 image with different layers.</summary>
    public static TestIndex WriteMultiArchitectureImage(OciLayout layout, string tag)
    {
        TestImage[] images = [WriteUntaggedImage(layout, "amd64", 2, DefaultLayerSize), WriteUntaggedImage(layout, "arm64", 2, DefaultLayerSize)];
        var manifests = new JsonArray();
        foreach (var image in images)
        {
            var entry = image.Manifest.ToJson();
            entry["platform"] = new JsonObject { ["architecture"] = image.Architecture, ["os"] = "linux" };
            manifests.Add(entry);
        }

        var index = layout.WriteJson(ImageMediaTypes.OciIndex, new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ImageMediaTypes.OciIndex,
            ["manifests"] = manifests,
        });
        layout.Tag(tag, index);
        return new TestIndex(index, images);
    }

    private static TestImage WriteUntaggedImage(OciLayout layout, string architecture, int layerCount, int layerSize)
    {
        var layers = new List<BlobDescriptor>();
        var diffIds = new JsonArray();
        var history = new JsonArray();
        for (var i = 0; i < layerCount; i++)
        {
            var layer = RandomLayer.Create($"{architecture}-{i}.bin", layerSize);
            layers.Add(layout.WriteBlob(ImageMediaTypes.OciLayerGzip, layer.Compressed));
            diffIds.Add(layer.DiffId);
            history.Add(new JsonObject { ["created"] = "2024-01-01T00:00:00Z", ["created_by"] = $"portalcrane end-to-end layer {i}" });
        }

        var config = layout.WriteJson(ImageMediaTypes.OciConfig, new JsonObject
        {
            ["created"] = "2024-01-01T00:00:00Z",
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/local/bin:/usr/bin:/bin", "PORTALCRANE_TEST=1"),
                ["Cmd"] = new JsonArray("/bin/server", "--port", "8080"),
                ["WorkingDir"] = "/srv",
                ["User"] = "1000:1000",
                ["ExposedPorts"] = new JsonObject { ["8080/tcp"] = new JsonObject() },
                ["Labels"] = new JsonObject { ["org.opencontainers.image.title"] = "portalcrane-test", ["org.opencontainers.image.version"] = "1.0" },
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
            ["history"] = history,
        });

        var manifest = layout.WriteJson(ImageMediaTypes.OciManifest, new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ImageMediaTypes.OciManifest,
            ["config"] = config.ToJson(),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)l.ToJson())]),
        });

        return new TestImage(architecture, manifest, config, layers);
    }
}
