using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Images;

/// <summary>An OCI content descriptor: what a manifest or index says about a blob it references.</summary>
public sealed record BlobDescriptor(string MediaType, string Digest, long Size)
{
    public JsonObject ToJson() => new()
    {
        ["mediaType"] = MediaType,
        ["digest"] = Digest,
        ["size"] = Size,
    };

    public static BlobDescriptor FromJson(JsonNode node) => new(
        (string)node["mediaType"]!,
        (string)node["digest"]!,
        (long)node["size"]!);
}
