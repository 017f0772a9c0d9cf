using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Registry;

public sealed class DockerSchema2Tests
{
    [Fact]
    public async Task Docker_schema2_image_is_served_as_docker_and_keeps_its_digest_out_and_back_in()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var source = bed.CreateLayout("source");
        var image = TestImages.WriteImage(source, "latest");

        var pushed = await bed.Skopeo.CopyAsync(source.Reference("latest"), bed.Reference("test/docker:v1"), ["--format", "v2s2"], ct);
        Assert.NotEqual(image.Manifest.Digest, pushed);

        // A Docker client asking for a manifest gets the schema 2 bytes with their media type.
        using var http = bed.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/test/docker/manifests/v1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ImageMediaTypes.DockerManifest));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ImageMediaTypes.DockerManifestList));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ImageMediaTypes.OciManifest));
        using var response = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ImageMediaTypes.DockerManifest, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pushed, response.Headers.GetValues("Docker-Content-Digest").Single());
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(pushed, Sha256.Digest(body));
        var manifest = JsonNode.Parse(body)!;
        Assert.Equal(ImageMediaTypes.DockerManifest, (string?)manifest["mediaType"]);
        Assert.Equal(ImageMediaTypes.DockerConfig, (string?)manifest["config"]!["mediaType"]);
        Assert.All(manifest["layers"]!.AsArray(), l => Assert.Equal(ImageMediaTypes.DockerLayerGzip, (string?)l!["mediaType"]));
        Assert.Equal(image.LayerDigests, manifest["layers"]!.AsArray().Select(l => (string)l!["digest"]!));

        // Out to a directory (which keeps manifests as they are) and back in under another name.
        var folder = bed.Folder.Combine("docker-dir");
        var pulled = await bed.Skopeo.CopyAsync(bed.Reference("test/docker:v1"), $"dir:{folder}", ct);
        Assert.Equal(pushed, pulled);
        Assert.Equal(pushed, Sha256.Digest(await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json"), ct)));

        var again = await bed.Skopeo.CopyAsync($"dir:{folder}", bed.Reference("test/docker-again:v1"), ct);
        Assert.Equal(pushed, again);
        var inspected = await bed.Skopeo.InspectAsync(bed.Reference("test/docker-again:v1"), ct);
        Assert.Equal(pushed, (string?)inspected["Digest"]);
        Assert.Equal(image.LayerDigests, inspected["Layers"]!.AsArray().Select(l => (string)l!));
    }
}
