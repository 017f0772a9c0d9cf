using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Registry;

/// <summary>Everything pushed is still there after the server stops and starts again on the same data folder.</summary>
public sealed class RestartTests
{
    [Fact]
    public Task Images_and_tags_survive_a_graceful_restart() =>
        PushRestartAndPullAsync(crash: false);

    [Fact]
    public Task Images_and_tags_survive_a_kill_and_restart() =>
        PushRestartAndPullAsync(crash: true);

    private static async Task PushRestartAndPullAsync(bool crash)
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var source = bed.CreateLayout("source");
        var one = TestImages.WriteImage(source, "one");
        var two = TestImages.WriteImage(source, "two");
        var multi = TestImages.WriteMultiArchitectureImage(source, "multi");
        await bed.Skopeo.CopyAsync(source.Reference("one"), bed.Reference("restart/app:v1"), ct);
        await bed.Skopeo.CopyAsync(source.Reference("one"), bed.Reference("restart/app:latest"), ct);
        await bed.Skopeo.CopyAsync(source.Reference("two"), bed.Reference("restart/app:v2"), ct);
        await bed.Skopeo.CopyAsync(source.Reference("two"), bed.Reference("restart/app:latest"), ct); // a tag moved before the restart
        await bed.Skopeo.CopyAsync(source.Reference("multi"), bed.Reference("restart/multi:v1"), ["--all"], ct);

        if (crash)
        {
            bed.Server.Kill();
        }
        else
        {
            await bed.Server.StopAsync(ct);
        }

        await bed.Server.StartAsync(ct);

        var tags = await bed.Skopeo.ListTagsAsync(bed.Reference("restart/app"), ct);
        Assert.Equal(["latest", "v1", "v2"], tags.Order(StringComparer.Ordinal));
        Assert.Equal(["v1"], await bed.Skopeo.ListTagsAsync(bed.Reference("restart/multi"), ct));
        using (var http = bed.CreateHttpClient())
        {
            var catalog = await http.GetFromJsonAsync<JsonObject>("/v2/_catalog", ct);
            Assert.Equal(["restart/app", "restart/multi"], catalog!["repositories"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal));
        }

        foreach (var (tag, image) in new[] { ("v1", one), ("v2", two), ("latest", two) })
        {
            var pulledPath = bed.Folder.Combine($"pulled-{tag}");
            Assert.Equal(image.Manifest.Digest, await bed.Skopeo.CopyAsync(bed.Reference($"restart/app:{tag}"), $"oci:{pulledPath}:x", ct));
            var pulled = new OciLayout(pulledPath);
            foreach (var layer in image.Layers)
            {
                Assert.Equal(source.ReadBlob(layer.Digest), pulled.ReadBlob(layer.Digest));
            }
        }

        var index = await bed.Skopeo.InspectRawAsync(bed.Reference("restart/multi:v1"), ct);
        Assert.Equal(multi.Index.Digest, Sha256.Digest(Encoding.UTF8.GetBytes(index)));
        var arm = await bed.Skopeo.InspectAsync(bed.Reference("restart/multi:v1"), "arm64", ct);
        Assert.Equal(multi.For("arm64").LayerDigests, arm["Layers"]!.AsArray().Select(l => (string)l!));
    }
}
