using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portalcrane.Oci;
using Portalcrane.Registry.Maintenance;

namespace Portalcrane.Registry.Tests;

/// <summary>Garbage collection: what it marks, what it sweeps, the grace period, dry runs, one run at a time.</summary>
public sealed class GarbageCollectionTests
{
    private static async Task<GcRun> CollectAsync(RegistryServer server, bool dryRun, bool deleteUntagged)
    {
        var collector = server.Services.GetRequiredService<GarbageCollector>();
        Assert.NotNull(collector.TryStart(dryRun, deleteUntagged, "test"));
        await collector.WaitAsync();
        var run = collector.Current!;
        Assert.True(run.Phase == GcPhase.Done, run.Error);
        return run;
    }

    private static async Task<HttpStatusCode> BlobStatusAsync(RegistryServer server, string name, string digest)
    {
        using var response = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{name}/blobs/{digest}"));
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> ManifestStatusAsync(RegistryServer server, string name, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{name}/manifests/{reference}");
        request.Headers.Accept.ParseAdd(MediaTypes.OciManifest);
        request.Headers.Accept.ParseAdd(MediaTypes.OciIndex);
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static List<string> BlobsOf(byte[] manifest) =>
        [.. System.Text.Json.JsonDocument.Parse(manifest).RootElement.GetProperty("layers").EnumerateArray()
            .Append(System.Text.Json.JsonDocument.Parse(manifest).RootElement.GetProperty("config"))
            .Select(d => d.GetProperty("digest").GetString()!)];

    [Fact]
    public async Task A_dry_run_counts_and_a_run_sweeps_only_what_nothing_references()
    {
        await using var server = await RegistryServer.StartAsync();
        var keptManifest = await server.Client.PushImageBlobsAsync("app");
        using (var put = await server.Client.PutManifestAsync("app", "kept", keptManifest)) { Assert.Equal(HttpStatusCode.Created, put.StatusCode); }
        var droppedManifest = await server.Client.PushImageBlobsAsync("app", layerSize: 2048);
        using (var put = await server.Client.PutManifestAsync("app", "dropped", droppedManifest)) { Assert.Equal(HttpStatusCode.Created, put.StatusCode); }
        var orphan = TestContent.RandomBytes(5000);
        var orphanDigest = await server.Client.PushBlobAsync("app", orphan);
        using (await server.Client.DeleteAsync("/v2/app/manifests/dropped")) { }

        // Within the grace period nothing is touched, whatever the mode.
        var early = await CollectAsync(server, dryRun: false, deleteUntagged: true);
        Assert.Equal(0, early.BlobsFound);
        Assert.Equal(0, early.ManifestsFound);
        Assert.Equal(HttpStatusCode.OK, await BlobStatusAsync(server, "app", orphanDigest));

        server.Clock.Advance(TimeSpan.FromHours(2));

        var dry = await CollectAsync(server, dryRun: true, deleteUntagged: false);
        Assert.Equal(1, dry.BlobsFound);
        Assert.Equal(orphan.Length, dry.BytesFound);
        var dryUntagged = await CollectAsync(server, dryRun: true, deleteUntagged: true);
        Assert.Equal(1, dryUntagged.ManifestsFound);
        Assert.Equal(3, dryUntagged.BlobsFound);
        Assert.Equal(0, dryUntagged.BlobsDeleted);
        Assert.Equal(HttpStatusCode.OK, await BlobStatusAsync(server, "app", orphanDigest));
        Assert.Equal(HttpStatusCode.OK, await ManifestStatusAsync(server, "app", TestContent.DigestOf(droppedManifest)));

        var run = await CollectAsync(server, dryRun: false, deleteUntagged: true);
        Assert.Equal(1, run.ManifestsDeleted);
        Assert.Equal(3, run.BlobsDeleted);
        Assert.Equal(dryUntagged.BytesFound, run.BytesFreed);
        Assert.Equal(HttpStatusCode.NotFound, await BlobStatusAsync(server, "app", orphanDigest));
        Assert.Equal(HttpStatusCode.NotFound, await ManifestStatusAsync(server, "app", TestContent.DigestOf(droppedManifest)));
        foreach (var blob in BlobsOf(droppedManifest))
        {
            Assert.Equal(HttpStatusCode.NotFound, await BlobStatusAsync(server, "app", blob));
            Assert.False(File.Exists(Path.Combine(server.DataDirectory, "blobs", "sha256", blob[7..9], blob[7..])), "the file is gone");
        }

        // What is tagged is intact.
        Assert.Equal(HttpStatusCode.OK, await ManifestStatusAsync(server, "app", "kept"));
        foreach (var blob in BlobsOf(keptManifest))
        {
            Assert.Equal(HttpStatusCode.OK, await BlobStatusAsync(server, "app", blob));
        }

        // Nothing left to do.
        var again = await CollectAsync(server, dryRun: true, deleteUntagged: true);
        Assert.Equal(0, again.BlobsFound + again.ManifestsFound);
    }

    [Fact]
    public async Task Children_of_a_kept_index_and_referrers_of_kept_manifests_stay_until_the_index_goes()
    {
        await using var server = await RegistryServer.StartAsync();
        var children = new List<(string Digest, int Size)>();
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            var child = await server.Client.PushImageBlobsAsync("multi", extra: $$""","annotations":{"arch":"{{arch}}"}""");
            using var put = await server.Client.PutManifestAsync("multi", TestContent.DigestOf(child), child);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            children.Add((TestContent.DigestOf(child), child.Length));
        }

        var index = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":[
             {"mediaType":"{{MediaTypes.OciManifest}}","digest":"{{children[0].Digest}}","size":{{children[0].Size}},"platform":{"os":"linux","architecture":"amd64"} },
             {"mediaType":"{{MediaTypes.OciManifest}}","digest":"{{children[1].Digest}}","size":{{children[1].Size}},"platform":{"os":"linux","architecture":"arm64"} } ]}
            """);
        using (var put = await server.Client.PutManifestAsync("multi", "v1", index, MediaTypes.OciIndex)) { Assert.Equal(HttpStatusCode.Created, put.StatusCode); }
        var indexDigest = TestContent.DigestOf(index);
        var signature = await server.Client.PushArtifactAsync("multi", indexDigest, "application/vnd.example.signature", MediaTypes.OciIndex);

        server.Clock.Advance(TimeSpan.FromHours(2));
        var kept = await CollectAsync(server, dryRun: false, deleteUntagged: true);
        Assert.Equal(0, kept.ManifestsFound);
        Assert.Equal(0, kept.BlobsFound);
        Assert.Equal(HttpStatusCode.OK, await ManifestStatusAsync(server, "multi", children[1].Digest));
        Assert.Equal(HttpStatusCode.OK, await ManifestStatusAsync(server, "multi", signature));

        using (await server.Client.DeleteAsync("/v2/multi/manifests/v1")) { }
        var swept = await CollectAsync(server, dryRun: false, deleteUntagged: true);
        Assert.Equal(4, swept.ManifestsDeleted);
        Assert.Equal(HttpStatusCode.NotFound, await ManifestStatusAsync(server, "multi", indexDigest));
        Assert.Equal(HttpStatusCode.NotFound, await ManifestStatusAsync(server, "multi", children[0].Digest));
        Assert.Equal(HttpStatusCode.NotFound, await ManifestStatusAsync(server, "multi", signature));
        Assert.True(swept.BlobsDeleted >= 4, "the children's configs and layers and the signature's blobs");
    }

    [Fact]
    public async Task Runs_go_one_at_a_time_and_expired_upload_sessions_are_purged()
    {
        await using var server = await RegistryServer.StartAsync();
        using var session = await server.Client.PostAsync("/v2/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, session.StatusCode);
        server.Clock.Advance(TimeSpan.FromHours(25));

        var collector = server.Services.GetRequiredService<GarbageCollector>();
        var first = collector.TryStart(dryRun: false, deleteUntagged: false, "test");
        Assert.NotNull(first);
        Assert.Null(collector.TryStart(dryRun: true, deleteUntagged: false, "test"));
        await collector.WaitAsync();
        Assert.Equal(1, collector.Current!.UploadsPurged);
        Assert.Equal(first.Id, collector.History[0].Id);

        using var status = await server.Client.GetAsync(session.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }
}
