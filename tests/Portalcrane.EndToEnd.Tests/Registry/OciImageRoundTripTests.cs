using System.Text;
using System.Text.Json.Nodes;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Registry;

public sealed class OciImageRoundTripTests
{
    [Fact]
    public async Task Oci_image_pushed_and_pulled_with_skopeo_keeps_its_manifest_and_layer_digests()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var source = bed.CreateLayout("source");
        var image = TestImages.WriteImage(source, "latest", layerCount: 3);
        var remote = bed.Reference("test/app:v1");

        var pushed = await bed.Skopeo.CopyAsync(source.Reference("latest"), remote, ct);
        Assert.Equal(image.Manifest.Digest, pushed);

        // What clients see in the registry: the exact manifest bytes, the same image.
        var raw = await bed.Skopeo.InspectRawAsync(remote, ct);
        Assert.Equal(image.Manifest.Digest, Sha256.Digest(Encoding.UTF8.GetBytes(raw)));
        var inspected = await bed.Skopeo.InspectAsync(remote, ct);
        Assert.Equal(image.Manifest.Digest, (string?)inspected["Digest"]);
        Assert.Equal("amd64", (string?)inspected["Architecture"]);
        Assert.Equal(image.LayerDigests, inspected["Layers"]!.AsArray().Select(l => (string)l!));

        // Pull by tag into a new layout: same manifest, same config, byte-identical layers.
        var pulledPath = bed.Folder.Combine("pulled");
        var pulled = await bed.Skopeo.CopyAsync(remote, $"oci:{pulledPath}:latest", ct);
        Assert.Equal(image.Manifest.Digest, pulled);
        var destination = new OciLayout(pulledPath);
        Assert.Equal(image.Manifest, destination.Resolve("latest"));
        var manifest = destination.ReadJson(pulled);
        Assert.Equal(image.Config.Digest, (string?)manifest["config"]!["digest"]);
        Assert.Equal(image.LayerDigests, manifest["layers"]!.AsArray().Select(l => (string)l!["digest"]!));
        foreach (var blob in image.Layers.Append(image.Config))
        {
            Assert.Equal(source.ReadBlob(blob.Digest), destination.ReadBlob(blob.Digest));
        }

        // Pull by digest answers the same manifest.
        var byDigest = await bed.Skopeo.InspectRawAsync(bed.Reference($"test/app@{image.Manifest.Digest}"), ct);
        Assert.Equal(raw, byDigest);
        Assert.Equal(ImageMediaTypes.OciManifest, (string?)JsonNode.Parse(byDigest)!["mediaType"]);
    }
}
