using System.Net;
using System.Text;
using System.Text.Json;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Tests;

public sealed class ReferrersTests
{
    private const string SbomType = "application/vnd.example.sbom.v1+json";
    private const string SignatureType = "application/vnd.example.signature.v1+json";

    [Fact]
    public async Task Referrers_lists_artifacts_attached_to_a_manifest_and_filters_by_type()
    {
        await using var server = await RegistryServer.StartAsync();
        var subject = await server.Client.PushImageAsync("app", "v1");
        var sbom = await server.Client.PushArtifactAsync("app", subject, SbomType);
        var signature = await server.Client.PushArtifactAsync("app", subject, SignatureType);

        using var all = await server.Client.GetAsync($"/v2/app/referrers/{subject}");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(MediaTypes.OciIndex, all.Content.Headers.ContentType!.MediaType);
        Assert.False(all.Headers.Contains("OCI-Filters-Applied"));
        using var json = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("schemaVersion").GetInt32());
        var manifests = json.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        Assert.Equal(new[] { sbom, signature }.Order(StringComparer.Ordinal), manifests.Select(m => m.GetProperty("digest").GetString()));
        var sbomEntry = manifests.Single(m => m.GetProperty("digest").GetString() == sbom);
        Assert.Equal(SbomType, sbomEntry.GetProperty("artifactType").GetString());
        Assert.Equal("2026-12-04T00:00:00Z", sbomEntry.GetProperty("annotations").GetProperty("org.opencontainers.image.created").GetString());

        using var filtered = await server.Client.GetAsync($"/v2/app/referrers/{subject}?artifactType={Uri.EscapeDataString(SignatureType)}");
        Assert.Equal("artifactType", filtered.Headers.GetValues("OCI-Filters-Applied").Single());
        using var filteredJson = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync());
        Assert.Equal(signature, Assert.Single(filteredJson.RootElement.GetProperty("manifests").EnumerateArray()).GetProperty("digest").GetString());
    }

    [Fact]
    public async Task A_subject_may_be_pushed_after_its_referrer_and_unknown_subjects_list_nothing()
    {
        await using var server = await RegistryServer.StartAsync();
        var subjectManifest = await server.Client.PushImageBlobsAsync("app");
        var subject = TestContent.DigestOf(subjectManifest);
        using (var put = await server.Client.PutManifestAsync("app", subject, subjectManifest))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var empty = await server.Client.GetAsync($"/v2/app/referrers/{TestContent.DigestOf([1])}");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        using var json = JsonDocument.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Empty(json.RootElement.GetProperty("manifests").EnumerateArray());

        using var bad = await server.Client.GetAsync("/v2/app/referrers/sha256:nope");
        await OciAssert.ErrorAsync(bad, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }
}
