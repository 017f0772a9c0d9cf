using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portalcrane.Registry.Metadata;

namespace Portalcrane.Registry.Tests;

/// <summary>The repository statistics the dashboard and image list read stay equal to the index.</summary>
public sealed class StatisticsTests
{
    private static async Task<RepositoryEntity> StatsAsync(RegistryServer server, string name)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Repositories.AsNoTracking().SingleAsync(r => r.Name == name);
    }

    [Fact]
    public async Task Pushes_tag_moves_and_deletes_keep_counts_sizes_and_platforms_exact()
    {
        await using var server = await RegistryServer.StartAsync();
        var client = server.Client;
        var changed = new List<string>();
        server.Services.GetRequiredService<RegistryChanges>().Changed += changed.Add;

        var first = await client.PushImageAsync("team/app", "1.0");
        var stats = await StatsAsync(server, "team/app");
        Assert.Equal(1, stats.TagCount);
        Assert.Equal(1, stats.ManifestCount);
        Assert.Equal("linux/amd64", stats.Platforms);
        var oneImage = stats.Size;
        Assert.True(oneImage > 1024, "config and layer bytes");

        // The same manifest under a second tag adds a tag and no bytes.
        using (await client.PutManifestAsync("team/app", "stable", await ManifestOfAsync(client, "team/app", "1.0"))) { }
        stats = await StatsAsync(server, "team/app");
        Assert.Equal(2, stats.TagCount);
        Assert.Equal(oneImage, stats.Size);

        // A second image adds its own blobs.
        await client.PushImageAsync("team/app", "2.0");
        stats = await StatsAsync(server, "team/app");
        Assert.Equal(3, stats.TagCount);
        Assert.Equal(2, stats.ManifestCount);
        Assert.True(stats.Size > oneImage);

        // Deleting a tag changes the count; deleting the manifest by digest drops its bytes.
        using (await client.DeleteAsync("/v2/team/app/manifests/stable")) { }
        Assert.Equal(2, (await StatsAsync(server, "team/app")).TagCount);
        using (await client.DeleteAsync($"/v2/team/app/manifests/{first}")) { }
        stats = await StatsAsync(server, "team/app");
        Assert.Equal(1, stats.TagCount);
        Assert.Equal(1, stats.ManifestCount);
        Assert.True(stats.Size < oneImage * 2 && stats.Size > 0);
        Assert.All(changed, name => Assert.Equal("team/app", name));
        Assert.Equal(5, changed.Count);
    }

    private static async Task<byte[]> ManifestOfAsync(HttpClient client, string name, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{name}/manifests/{tag}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
