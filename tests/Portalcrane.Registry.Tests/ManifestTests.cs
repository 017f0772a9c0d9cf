using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Tests;

public sealed class ManifestTests
{
    [Fact]
    public async Task Put_by_tag_then_get_by_tag_and_digest_returns_the_exact_bytes()
    {
        await using var server = await RegistryServer.StartAsync();
        var manifest = await server.Client.PushImageBlobsAsync("app");
        // Odd but valid formatting must survive byte for byte.
        manifest = [.. manifest, .. "\n\n  "u8.ToArray()];
        var digest = TestContent.DigestOf(manifest);

        using var put = await server.Client.PutManifestAsync("app", "v1", manifest);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/v2/app/manifests/{digest}", put.Headers.Location!.OriginalString);
        Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());

        foreach (var reference in new[] { "v1", digest })
        {
            using var get = await server.Client.GetAsync($"/v2/app/manifests/{reference}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
            Assert.Equal(MediaTypes.OciManifest, get.Content.Headers.ContentType!.MediaType);
            Assert.Equal(digest, get.Headers.GetValues("Docker-Content-Digest").Single());

            using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/app/manifests/{reference}"));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(manifest.Length, head.Content.Headers.ContentLength);
            Assert.Equal(digest, head.Headers.GetValues("Docker-Content-Digest").Single());
        }
    }

    [Fact]
    public async Task Docker_schema2_manifest_and_manifest_list_are_stored_with_their_media_types()
    {
        await using var server = await RegistryServer.StartAsync();
        var config = Encoding.UTF8.GetBytes("""{"architecture":"arm64","os":"linux"}""");
        var layer = TestContent.RandomBytes(777);
        var configDigest = await server.Client.PushBlobAsync("app", config);
        var layerDigest = await server.Client.PushBlobAsync("app", layer);
        var image = TestContent.ImageManifest(configDigest, config.Length, layerDigest, layer.Length, mediaType: MediaTypes.DockerManifest);
        using var putImage = await server.Client.PutManifestAsync("app", TestContent.DigestOf(image), image, MediaTypes.DockerManifest);
        Assert.Equal(HttpStatusCode.Created, putImage.StatusCode);

        var list = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.DockerManifestList}}","manifests":[
              {"mediaType":"{{MediaTypes.DockerManifest}}","digest":"{{TestContent.DigestOf(image)}}","size":{{image.Length}},"platform":{"os":"linux","architecture":"arm64"} } ]}
            """);
        using var putList = await server.Client.PutManifestAsync("app", "multi", list, MediaTypes.DockerManifestList);
        Assert.Equal(HttpStatusCode.Created, putList.StatusCode);

        using var get = await server.Client.GetAsync("/v2/app/manifests/multi");
        Assert.Equal(MediaTypes.DockerManifestList, get.Content.Headers.ContentType!.MediaType);
        Assert.Equal(list, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Accept_negotiation_refuses_a_type_the_client_did_not_list()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.Client.PushImageAsync("app", "v1");

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/v2/app/manifests/v1");
        wrong.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.DockerManifest));
        using var refused = await server.Client.SendAsync(wrong);
        await OciAssert.ErrorAsync(refused, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");

        using var right = new HttpRequestMessage(HttpMethod.Get, "/v2/app/manifests/v1");
        right.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.DockerManifest));
        right.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest));
        using var served = await server.Client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        using var wildcard = new HttpRequestMessage(HttpMethod.Get, "/v2/app/manifests/v1");
        wildcard.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        using var any = await server.Client.SendAsync(wildcard);
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
    }

    [Fact]
    public async Task A_manifest_referencing_a_missing_blob_is_MANIFEST_BLOB_UNKNOWN()
    {
        await using var server = await RegistryServer.StartAsync();
        var config = await server.Client.PushBlobAsync("app", [1, 2, 3]);
        var missing = TestContent.DigestOf([4, 5, 6]);
        using var put = await server.Client.PutManifestAsync("app", "v1", TestContent.ImageManifest(config, 3, missing, 3));
        await OciAssert.ErrorAsync(put, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");

        // A blob of another repository does not count either.
        await server.Client.PushBlobAsync("elsewhere", [4, 5, 6]);
        using var again = await server.Client.PutManifestAsync("app", "v1", TestContent.ImageManifest(config, 3, missing, 3));
        await OciAssert.ErrorAsync(again, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");

        using var get = await server.Client.GetAsync("/v2/app/manifests/v1");
        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task An_index_with_a_missing_child_is_MANIFEST_BLOB_UNKNOWN()
    {
        await using var server = await RegistryServer.StartAsync();
        var index = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":[{"mediaType":"{{MediaTypes.OciManifest}}","digest":"{{TestContent.DigestOf([7])}}","size":1}]}
            """);
        using var put = await server.Client.PutManifestAsync("app", "multi", index, MediaTypes.OciIndex);
        await OciAssert.ErrorAsync(put, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"schemaVersion":1,"name":"app","tag":"v1","fsLayers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}""")]
    public async Task Invalid_manifests_are_MANIFEST_INVALID(string json)
    {
        await using var server = await RegistryServer.StartAsync();
        using var put = await server.Client.PutManifestAsync("app", "v1", Encoding.UTF8.GetBytes(json));
        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task A_blob_size_that_disagrees_with_the_manifest_is_MANIFEST_BLOB_UNKNOWN()
    {
        await using var server = await RegistryServer.StartAsync();
        var config = await server.Client.PushBlobAsync("app", [1, 2, 3]);
        var layer = await server.Client.PushBlobAsync("app", [4, 5, 6, 7]);
        using var put = await server.Client.PutManifestAsync("app", "v1", TestContent.ImageManifest(config, 3, layer, 40));
        await OciAssert.ErrorAsync(put, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Put_by_a_digest_that_does_not_match_is_DIGEST_INVALID()
    {
        await using var server = await RegistryServer.StartAsync();
        var manifest = await server.Client.PushImageBlobsAsync("app");
        using var put = await server.Client.PutManifestAsync("app", TestContent.DigestOf([1]), manifest);
        await OciAssert.ErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");

        var sha512 = Digest.Compute(Digest.Sha512, manifest).ToString();
        using var good = await server.Client.PutManifestAsync("app", sha512, manifest);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal(sha512, good.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(manifest, await server.Client.GetByteArrayAsync($"/v2/app/manifests/{sha512}"));
    }

    [Fact]
    public async Task Manifests_over_4_MiB_are_refused_with_413()
    {
        await using var server = await RegistryServer.StartAsync();
        var huge = new byte[ManifestParser.MaxSize + 1];
        using var put = await server.Client.PutManifestAsync("app", "v1", huge);
        await OciAssert.ErrorAsync(put, HttpStatusCode.RequestEntityTooLarge, "SIZE_INVALID");
    }

    [Theory]
    [InlineData("-bad")]
    [InlineData("sha256:123")]
    public async Task Invalid_references_are_refused(string reference)
    {
        await using var server = await RegistryServer.StartAsync();
        using var get = await server.Client.GetAsync($"/v2/app/manifests/{reference}");
        await OciAssert.ErrorAsync(get, HttpStatusCode.BadRequest, reference.Contains(':', StringComparison.Ordinal) ? "DIGEST_INVALID" : "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Delete_by_tag_removes_only_that_tag()
    {
        await using var server = await RegistryServer.StartAsync();
        var digest = await server.Client.PushImageAsync("app", "v1");
        var manifest = await server.Client.GetByteArrayAsync($"/v2/app/manifests/{digest}");
        using var second = await server.Client.PutManifestAsync("app", "stable", manifest);

        using var delete = await server.Client.DeleteAsync("/v2/app/manifests/v1");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var gone = await server.Client.GetAsync("/v2/app/manifests/v1");
        await OciAssert.ErrorAsync(gone, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        Assert.Equal(manifest, await server.Client.GetByteArrayAsync("/v2/app/manifests/stable"));
        Assert.Equal(manifest, await server.Client.GetByteArrayAsync($"/v2/app/manifests/{digest}"));

        using var again = await server.Client.DeleteAsync("/v2/app/manifests/v1");
        await OciAssert.ErrorAsync(again, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Delete_by_digest_removes_the_manifest_and_every_tag_on_it()
    {
        await using var server = await RegistryServer.StartAsync();
        var digest = await server.Client.PushImageAsync("app", "v1");
        var other = await server.Client.PushImageAsync("app", "v2");

        using var delete = await server.Client.DeleteAsync($"/v2/app/manifests/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var byTag = await server.Client.GetAsync("/v2/app/manifests/v1");
        await OciAssert.ErrorAsync(byTag, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        using var byDigest = await server.Client.GetAsync($"/v2/app/manifests/{digest}");
        await OciAssert.ErrorAsync(byDigest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        using var kept = await server.Client.GetAsync($"/v2/app/manifests/{other}");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task A_child_of_an_index_cannot_be_deleted_before_the_index()
    {
        await using var server = await RegistryServer.StartAsync();
        var child = await server.Client.PushImageAsync("app", "amd64");
        var childBytes = await server.Client.GetByteArrayAsync($"/v2/app/manifests/{child}");
        var index = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":[{"mediaType":"{{MediaTypes.OciManifest}}","digest":"{{child}}","size":{{childBytes.Length}}}]}
            """);
        using var put = await server.Client.PutManifestAsync("app", "multi", index, MediaTypes.OciIndex);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        using var refused = await server.Client.DeleteAsync($"/v2/app/manifests/{child}");
        await OciAssert.ErrorAsync(refused, HttpStatusCode.Conflict, "UNSUPPORTED");
        using var deleteIndex = await server.Client.DeleteAsync($"/v2/app/manifests/{TestContent.DigestOf(index)}");
        Assert.Equal(HttpStatusCode.Accepted, deleteIndex.StatusCode);
        using var deleteChild = await server.Client.DeleteAsync($"/v2/app/manifests/{child}");
        Assert.Equal(HttpStatusCode.Accepted, deleteChild.StatusCode);
    }

    [Fact]
    public async Task Retagging_moves_the_tag_and_keeps_the_old_manifest_by_digest()
    {
        await using var server = await RegistryServer.StartAsync();
        var first = await server.Client.PushImageAsync("app", "latest");
        var second = await server.Client.PushImageAsync("app", "latest");

        using var latest = await server.Client.GetAsync("/v2/app/manifests/latest");
        Assert.Equal(second, latest.Headers.GetValues("Docker-Content-Digest").Single());
        using var old = await server.Client.GetAsync($"/v2/app/manifests/{first}");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }
}
