using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;
using Portalcrane.EndToEnd.Tests.Tools;
using Portalcrane.TestSupport;

namespace Portalcrane.EndToEnd.Tests.Operations;

/// <summary>Two Portalcrane processes sharing one PostgreSQL database and one blob folder serve the same content.</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task An_image_pushed_through_one_process_pulls_through_the_other()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var data = folder.CreateDirectory("shared");
        var environment = new Dictionary<string, string>
        {
            ["REGISTRY_PROXY_AUTH_ENABLED"] = "false",
            ["POSTGRES_CONNECTION_STRING"] = TestDatabase.ConnectionStringFor(data, "_shared"),
        };
        try
        {
            using var first = await PortalcraneProcess.StartAsync(data, environment, ct);
            using var second = await PortalcraneProcess.StartAsync(data, environment, ct);
            var skopeo = new Skopeo(folder.CreateDirectory("skopeo"));
            var source = OciLayout.Create(folder.Combine("source"));
            var image = TestImages.WriteImage(source, "latest");
            var multi = TestImages.WriteMultiArchitectureImage(source, "multi");

            var pushed = await skopeo.CopyAsync(source.Reference("latest"), $"docker://{first.Host}/team/app:1.0", ct);
            Assert.Equal(image.Manifest.Digest, pushed);
            await skopeo.CopyAsync(source.Reference("multi"), $"docker://{second.Host}/team/multi:1.0", ["--all"], ct);

            // Each process serves what the other stored: manifests from the shared index, blobs from the shared folder.
            var pulled = OciLayout.Create(folder.Combine("pulled"));
            await skopeo.CopyAsync($"docker://{second.Host}/team/app:1.0", pulled.Reference("latest"), ct);
            Assert.Equal(image.Manifest.Digest, pulled.Resolve("latest").Digest);
            Assert.All(image.LayerDigests, layer => Assert.True(pulled.HasBlob(layer)));
            var pulledMulti = OciLayout.Create(folder.Combine("pulled-multi"));
            var digest = await skopeo.CopyAsync($"docker://{first.Host}/team/multi:1.0", pulledMulti.Reference("latest"), ["--all"], ct);
            Assert.Equal(multi.Index.Digest, digest);

            using var http = new HttpClient { BaseAddress = second.BaseAddress };
            var catalog = await http.GetStringAsync("/v2/_catalog", ct);
            Assert.Equal("""{"repositories":["team/app","team/multi"]}""", catalog);
        }
        finally
        {
            await TestDatabase.DropAsync(data, "_shared");
        }
    }
}
