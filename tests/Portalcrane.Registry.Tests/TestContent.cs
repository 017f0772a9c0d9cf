using System.Net.Http.Headers;
using System.Text;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Tests;

/// <summary>Blobs and manifests for tests, and the few requests every test makes.</summary>
public static class TestContent
{
    public static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static string DigestOf(byte[] content) => Digest.Compute(Digest.Sha256, content).ToString();

    public static async Task<string> PushBlobAsync(this HttpClient client, string name, byte[] content)
    {
        var digest = DigestOf(content);
        using var body = new ByteArrayContent(content);
        using var response = await client.PostAsync($"/v2/{name}/blobs/uploads/?digest={digest}", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    /// <summary>Pushes a config and one layer, and returns an image manifest that references them.</summary>
    public static async Task<byte[]> PushImageBlobsAsync(this HttpClient client, string name, string? extra = null, int layerSize = 1024)
    {
        var config = Encoding.UTF8.GetBytes($$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"n":"{{Guid.NewGuid()}}"}""");
        var layer = RandomBytes(layerSize);
        var configDigest = await client.PushBlobAsync(name, config);
        var layerDigest = await client.PushBlobAsync(name, layer);
        return ImageManifest(configDigest, config.Length, layerDigest, layer.Length, extra);
    }

    public static byte[] ImageManifest(string configDigest, long configSize, string layerDigest, long layerSize, string? extra = null, string mediaType = MediaTypes.OciManifest) =>
        Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{mediaType}}",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{configSize}}},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{layerDigest}}","size":{{layerSize}}}]{{extra}}}
            """);

    public static async Task<HttpResponseMessage> PutManifestAsync(this HttpClient client, string name, string reference, byte[] manifest, string mediaType = MediaTypes.OciManifest)
    {
        var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PutAsync($"/v2/{name}/manifests/{reference}", body);
    }

    public static async Task<string> PushImageAsync(this HttpClient client, string name, string tag, string? extra = null)
    {
        var manifest = await client.PushImageBlobsAsync(name, extra);
        using var response = await client.PutManifestAsync(name, tag, manifest);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return DigestOf(manifest);
    }

    /// <summary>Pushes an artifact (empty config, one payload) whose subject is <paramref name="subject"/>, as <c>oras attach</c> does.</summary>
    public static async Task<string> PushArtifactAsync(this HttpClient client, string name, string subject, string artifactType, string subjectMediaType = MediaTypes.OciManifest)
    {
        var subjectBytes = await client.GetByteArrayAsync($"/v2/{name}/manifests/{subject}");
        var empty = "{}"u8.ToArray();
        var emptyDigest = await client.PushBlobAsync(name, empty);
        var payload = Encoding.UTF8.GetBytes($"payload {artifactType} {Guid.NewGuid()}");
        var payloadDigest = await client.PushBlobAsync(name, payload);
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","artifactType":"{{artifactType}}",
             "config":{"mediaType":"{{MediaTypes.OciEmpty}}","digest":"{{emptyDigest}}","size":2},
             "layers":[{"mediaType":"application/octet-stream","digest":"{{payloadDigest}}","size":{{payload.Length}}}],
             "subject":{"mediaType":"{{subjectMediaType}}","digest":"{{subject}}","size":{{subjectBytes.Length}}},
             "annotations":{"org.opencontainers.image.created":"2026-12-04T00:00:00Z"} }
            """);
        using var put = await client.PutManifestAsync(name, DigestOf(manifest), manifest);
        Assert.Equal(System.Net.HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(subject, put.Headers.GetValues("OCI-Subject").Single());
        return DigestOf(manifest);
    }
}
