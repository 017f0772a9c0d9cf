using System.Text;
using System.Text.Json.Nodes;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Registry;

public sealed class MultiArchitectureTests
{
    [Fact]
    public async Task Image_index_pushed_and_pulled_with_all_platforms_keeps_its_digest_and_serves_each_platform()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var source = bed.CreateLayout("source");
        var index = TestImages.WriteMultiArchitectureImage(source, "latest");
        var remote = bed.Reference("multi/app:v1");

        var pushed = await bed.Skopeo.CopyAsync(source.Reference("latest"), remote, ["--all"], ct);
        Assert.Equal(index.Index.Digest, pushed);

        var raw = await bed.Skopeo.InspectRawAsync(remote, ct);
        Assert.Equal(index.Index.Digest, Sha256.Digest(Encoding.UTF8.GetBytes(raw)));
        var listed = JsonNode.Parse(raw)!["manifests"]!.AsArray();
        Assert.Equal(
            ["linux/amd64 " + index.For("amd64").Manifest.Digest, "linux/arm64 " + index.For("arm64").Manifest.Digest],
            listed.Select(m => $"{m!["platform"]!["os"]}/{m["platform"]!["architecture"]} {m["digest"]}"));

        // Each platform resolves to its own image and layers.
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var expected = index.For(architecture);
            var resolved = await bed.Skopeo.InspectAsync(remote, architecture, ct);
            Assert.Equal(architecture, (string?)resolved["Architecture"]);
            Assert.Equal(expected.LayerDigests, resolved["Layers"]!.AsArray().Select(l => (string)l!));

            var child = await bed.Skopeo.InspectRawAsync(bed.Reference($"multi/app@{expected.Manifest.Digest}"), ct);
            Assert.Equal(expected.Manifest.Digest, Sha256.Digest(Encoding.UTF8.GetBytes(child)));
        }

        // Pulled back with --all: the same index, both platforms complete and byte-identical.
        var pulledPath = bed.Folder.Combine("pulled");
        var pulled = await bed.Skopeo.CopyAsync(remote, $"oci:{pulledPath}:latest", ["--all"], ct);
        Assert.Equal(index.Index.Digest, pulled);
        var destination = new OciLayout(pulledPath);
        Assert.Equal(index.Index, destination.Resolve("latest"));
        foreach (var image in index.Images)
        {
            foreach (var blob in image.Layers.Append(image.Config).Append(image.Manifest))
            {
                Assert.True(destination.HasBlob(blob.Digest), $"the pulled layout lacks {image.Architecture} blob {blob.Digest}");
                Assert.Equal(source.ReadBlob(blob.Digest), destination.ReadBlob(blob.Digest));
            }
        }
    }
}
