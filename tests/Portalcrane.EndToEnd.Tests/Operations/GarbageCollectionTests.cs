using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portalcrane.EndToEnd.Tests.Access;
using Portalcrane.EndToEnd.Tests.Images;

namespace Portalcrane.EndToEnd.Tests.Operations;

/// <summary>Garbage collection with no downtime: it loops while skopeo keeps pushing and pulling.</summary>
public sealed class GarbageCollectionTests
{
    [Fact]
    public async Task Collections_loop_while_images_are_pushed_and_pulled_and_every_pushed_image_pulls_back_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        using var access = await AccessBed.StartAsync(ct, new Dictionary<string, string>
        {
            ["REGISTRY_PROXY_AUTH_ENABLED"] = "false",
            ["GarbageCollection__GracePeriod"] = "00:00:04",
        });
        var bed = access.Bed;

        // Garbage: images pushed, then untagged.
        var junk = bed.CreateLayout("junk");
        var junkImage = TestImages.WriteImage(junk, "latest", layerCount: 2, layerSize: 128 * 1024);
        for (var i = 0; i < 3; i++)
        {
            await bed.Skopeo.CopyAsync(junk.Reference("latest"), bed.Reference($"junk/app:{i}"), ct);
            using var untag = await access.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v2/junk/app/manifests/{i}"));
            Assert.Equal(HttpStatusCode.Accepted, untag.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(5), ct);

        // Pushes and pulls in a loop on one side, garbage collections in a loop on the other.
        var source = bed.CreateLayout("live");
        var images = Enumerable.Range(0, 8).Select(i => TestImages.WriteImage(source, $"v{i}", layerCount: 2, layerSize: 96 * 1024)).ToList();
        using var done = new CancellationTokenSource();
        var runs = new List<JsonNode>();
        var collecting = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                runs.Add(await CollectAsync(access, ct));
            }
        }, ct);

        for (var i = 0; i < images.Count; i++)
        {
            var pushed = await bed.Skopeo.CopyAsync(source.Reference($"v{i}"), bed.Reference($"live/app:v{i}"), ct);
            Assert.Equal(images[i].Manifest.Digest, pushed);
            var pulled = bed.CreateLayout($"pulled-{i}");
            await bed.Skopeo.CopyAsync(bed.Reference($"live/app:v{i}"), pulled.Reference("latest"), ct);
            Assert.Equal(images[i].Manifest.Digest, pulled.Resolve("latest").Digest);
        }

        await done.CancelAsync();
        await collecting;
        Assert.True(runs.Count >= 2, $"garbage collection looped ({runs.Count} runs)");
        Assert.All(runs, run => Assert.Equal("Done", (string)run["phase"]!));
        Assert.Contains(runs, run => (long)run["bytesFreed"]! > 0);
        Assert.Contains(runs, run => (int)run["manifestsDeleted"]! == 1);

        // After all that, a last collection, then every image pulls back intact, blob for blob.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var last = await CollectAsync(access, ct);
        Assert.Equal("Done", (string)last["phase"]!);
        for (var i = 0; i < images.Count; i++)
        {
            var pulled = bed.CreateLayout($"final-{i}");
            await bed.Skopeo.CopyAsync(bed.Reference($"live/app:v{i}"), pulled.Reference("latest"), ct);
            Assert.Equal(images[i].Manifest.Digest, pulled.Resolve("latest").Digest);
            Assert.All(images[i].LayerDigests, layer => Assert.True(pulled.HasBlob(layer), $"layer {layer} of v{i}"));
        }

        // The garbage is gone: its layers are no longer served.
        foreach (var layer in junkImage.LayerDigests)
        {
            using var head = await access.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/junk/app/blobs/{layer}"));
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        // Metrics count the runs and what they freed.
        using var metrics = new HttpClient { BaseAddress = bed.Server.BaseAddress };
        var text = await metrics.GetStringAsync("/metrics", ct);
        Assert.Contains("portalcrane_gc_runs_total{mode=\"run\",result=\"done\"}", text, StringComparison.Ordinal);
        Assert.Contains("portalcrane_gc_freed_bytes_total", text, StringComparison.Ordinal);
    }

    /// <summary>Starts a real run (untagged manifests too) through the API and waits for its end.</summary>
    private static async Task<JsonNode> CollectAsync(AccessBed access, CancellationToken ct)
    {
        using var http = AdminApi.Create(access.Bed.Server.BaseAddress, "admin", AccessBed.AdminPassword);
        using var started = await http.PostAsJsonAsync("/api/gc", new { dryRun = false, deleteUntagged = true }, ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (string)(await started.Content.ReadFromJsonAsync<JsonNode>(ct))!["id"]!;
        while (true)
        {
            var run = (await http.GetFromJsonAsync<JsonNode>($"/api/gc/{id}", ct))!;
            if ((string)run["phase"]! is "Done" or "Failed")
            {
                return run;
            }

            await Task.Delay(100, ct);
        }
    }
}
