using System.Text;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Registry;

/// <summary>Copies between Portalcrane and CNCF Distribution, the reference registry, in both directions.</summary>
public sealed class DistributionInteropTests
{
    [Fact]
    public async Task Images_copied_between_distribution_and_portalcrane_keep_their_digests_both_ways()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        using var distribution = await DistributionRegistry.StartAsync(bed.Folder.CreateDirectory("distribution"), ct);
        var source = bed.CreateLayout("source");
        var first = TestImages.WriteImage(source, "first");
        var second = TestImages.WriteImage(source, "second");
        var multi = TestImages.WriteMultiArchitectureImage(source, "multi");
        var skopeo = bed.Skopeo;
        string AtDistribution(string name) => $"docker://{distribution.Host}/{name}";

        // docker-registry -> Portalcrane
        Assert.Equal(first.Manifest.Digest, await skopeo.CopyAsync(source.Reference("first"), AtDistribution("interop/first:v1"), ct));
        Assert.Equal(first.Manifest.Digest, await skopeo.CopyAsync(AtDistribution("interop/first:v1"), bed.Reference("interop/first:v1"), ct));
        await AssertServesAsync(bed.Reference("interop/first:v1"), first, bed, ct);

        // Portalcrane -> docker-registry
        Assert.Equal(second.Manifest.Digest, await skopeo.CopyAsync(source.Reference("second"), bed.Reference("interop/second:v1"), ct));
        Assert.Equal(second.Manifest.Digest, await skopeo.CopyAsync(bed.Reference("interop/second:v1"), AtDistribution("interop/second:v1"), ct));
        await AssertServesAsync(AtDistribution("interop/second:v1"), second, bed, ct);

        // A multi-architecture index, there and back again.
        string[] all = ["--all"];
        Assert.Equal(multi.Index.Digest, await skopeo.CopyAsync(source.Reference("multi"), AtDistribution("interop/multi:v1"), all, ct));
        Assert.Equal(multi.Index.Digest, await skopeo.CopyAsync(AtDistribution("interop/multi:v1"), bed.Reference("interop/multi:v1"), all, ct));
        Assert.Equal(multi.Index.Digest, await skopeo.CopyAsync(bed.Reference("interop/multi:v1"), AtDistribution("interop/multi-back:v1"), all, ct));
        var index = await skopeo.InspectRawAsync(AtDistribution("interop/multi-back:v1"), ct);
        Assert.Equal(multi.Index.Digest, Sha256.Digest(Encoding.UTF8.GetBytes(index)));
        var arm = await skopeo.InspectAsync(AtDistribution("interop/multi-back:v1"), "arm64", ct);
        Assert.Equal(multi.For("arm64").LayerDigests, arm["Layers"]!.AsArray().Select(l => (string)l!));
    }

    private static async Task AssertServesAsync(string reference, TestImage image, PortalcraneTestBed bed, CancellationToken ct)
    {
        var raw = await bed.Skopeo.InspectRawAsync(reference, ct);
        Assert.Equal(image.Manifest.Digest, Sha256.Digest(Encoding.UTF8.GetBytes(raw)));
        var inspected = await bed.Skopeo.InspectAsync(reference, ct);
        Assert.Equal(image.LayerDigests, inspected["Layers"]!.AsArray().Select(l => (string)l!));
    }
}
