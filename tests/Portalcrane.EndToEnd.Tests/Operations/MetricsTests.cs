using System.Globalization;
using System.Text.RegularExpressions;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Operations;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_count_pushes_pulls_requests_and_the_deduplicated_storage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var layout = bed.CreateLayout("image");
        var image = TestImages.WriteImage(layout, "latest", layerCount: 2, layerSize: 100_000);
        await bed.Skopeo.CopyAsync(layout.Reference("latest"), bed.Reference("one/app:v1"), ct);
        await bed.Skopeo.CopyAsync(layout.Reference("latest"), bed.Reference("two/app:v1"), ct);
        await bed.Skopeo.CopyAsync(bed.Reference("one/app:v1"), $"oci:{bed.Folder.Combine("pulled")}:latest", ct);

        using var http = bed.CreateHttpClient();
        var text = await http.GetStringAsync("/metrics", ct);
        Assert.Equal(2, Value(text, "portalcrane_registry_pushes_total"));
        Assert.Equal(1, Value(text, "portalcrane_registry_pulls_total"));

        // The same image in two repositories is stored once: config and layers, counted once.
        var expected = image.Config.Size + image.Layers.Sum(l => l.Size);
        Assert.Equal(expected, Value(text, "portalcrane_storage_bytes"));
        Assert.Equal(1 + image.Layers.Count, Value(text, "portalcrane_storage_blobs"));
        Assert.Matches(new Regex("http_requests_received_total\\{code=\"201\",method=\"PUT\"", RegexOptions.None), text);
    }

    private static double Value(string text, string name)
    {
        var match = Regex.Match(text, $"^{name} (\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} missing from /metrics\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
