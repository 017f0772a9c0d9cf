using System.Net;
using System.Text.Json;

namespace Portalcrane.Registry.Tests;

public sealed class ListingTests
{
    private static async Task<(List<string> Items, string? Link)> GetPageAsync(HttpClient client, string url, string property)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();
        var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
        return (items, link);
    }

    [Fact]
    public async Task Catalog_pages_follow_link_headers_in_lexical_order()
    {
        await using var server = await RegistryServer.StartAsync();
        string[] names = ["zeta", "alpha/b", "alpha", "beta", "alpha-c", "alpha/a"];
        foreach (var name in names)
        {
            await server.Client.PushImageAsync(name, "v1");
        }

        // A repository with only a blob and no manifest is not listed.
        await server.Client.PushBlobAsync("blobonly", [1]);

        var seen = new List<string>();
        var url = "/v2/_catalog?n=4";
        var pages = 0;
        while (url is not null)
        {
            var (items, link) = await GetPageAsync(server.Client, url, "repositories");
            Assert.True(items.Count <= 4);
            seen.AddRange(items);
            url = link is null ? null! : link[1..link.IndexOf('>', StringComparison.Ordinal)];
            Assert.True(link is null || link.EndsWith("rel=\"next\"", StringComparison.Ordinal));
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal(names.Order(StringComparer.Ordinal), seen);

        var (after, _) = await GetPageAsync(server.Client, "/v2/_catalog?last=alpha%2Fb", "repositories");
        Assert.Equal(["beta", "zeta"], after);
    }

    [Fact]
    public async Task Tags_list_pages_with_n_and_last()
    {
        await using var server = await RegistryServer.StartAsync();
        var digest = await server.Client.PushImageAsync("app", "v3");
        var manifest = await server.Client.GetByteArrayAsync($"/v2/app/manifests/{digest}");
        foreach (var tag in new[] { "v1", "latest", "v10", "V2" })
        {
            using var put = await server.Client.PutManifestAsync("app", tag, manifest);
        }

        var (all, noLink) = await GetPageAsync(server.Client, "/v2/app/tags/list", "tags");
        Assert.Equal(["V2", "latest", "v1", "v10", "v3"], all);
        Assert.Null(noLink);

        var (first, link) = await GetPageAsync(server.Client, "/v2/app/tags/list?n=2", "tags");
        Assert.Equal(["V2", "latest"], first);
        Assert.Equal("</v2/app/tags/list?n=2&last=latest>; rel=\"next\"", link);
        var (second, _) = await GetPageAsync(server.Client, "/v2/app/tags/list?n=2&last=latest", "tags");
        Assert.Equal(["v1", "v10"], second);

        var (none, _) = await GetPageAsync(server.Client, "/v2/app/tags/list?n=0", "tags");
        Assert.Empty(none);
    }

    [Fact]
    public async Task Tags_of_an_unknown_repository_are_NAME_UNKNOWN()
    {
        await using var server = await RegistryServer.StartAsync();
        using var response = await server.Client.GetAsync("/v2/nothing/tags/list");
        await OciAssert.ErrorAsync(response, HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Theory]
    [InlineData("/v2/_catalog?n=-1")]
    [InlineData("/v2/_catalog?n=ten")]
    [InlineData("/v2/app/tags/list?n=1.5")]
    public async Task A_bad_page_size_is_refused(string url)
    {
        await using var server = await RegistryServer.StartAsync();
        await server.Client.PushImageAsync("app", "v1");
        using var response = await server.Client.GetAsync(url);
        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "PAGINATION_NUMBER_INVALID");
    }
}
