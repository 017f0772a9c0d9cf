using System.Net;
using System.Net.Http.Headers;

namespace Portalcrane.Registry.Tests;

/// <summary>
/// GETs of a large blob that is not in the page cache (as every freshly pushed one is, since
/// uploads write past it): the bytes are exact, whole and in ranges at any offset, the reads leave
/// the page cache as it was, and the blob is warmed into the cache afterwards.
/// </summary>
public sealed class ColdReadTests
{
    private const int MiB = 1024 * 1024;
    private const int Size = (6 * MiB) + 12_345;
    private const int Pages = (Size + 4095) / 4096;

    [Fact]
    public async Task A_cold_blob_is_served_exactly_and_the_reads_leave_the_page_cache_as_it_was()
    {
        await using var server = await RegistryServer.StartAsync(new() { ["Registry:WarmPageCache"] = "false" });
        var (content, digest, path) = await PushAsync(server);
        var before = ResidentPages(path);
        Assert.InRange(before, 0, 1);   // at most the ragged last page, written through the cache

        await AssertServedExactlyAsync(server, content, digest);
        Assert.Equal(before, ResidentPages(path));
    }

    [Fact]
    public async Task With_direct_reads_off_the_reads_fill_the_page_cache()
    {
        await using var server = await RegistryServer.StartAsync(new() { ["Registry:DirectReads"] = "false" });
        var (content, digest, path) = await PushAsync(server);
        Assert.InRange(ResidentPages(path), 0, 1);

        await AssertServedExactlyAsync(server, content, digest);
        Assert.Equal(Pages, ResidentPages(path));
    }

    [Fact]
    public async Task A_blob_read_past_the_page_cache_is_warmed_into_it_afterwards()
    {
        await using var server = await RegistryServer.StartAsync(new() { ["Registry:WarmWhileBusyBelow"] = "1" });
        var (content, digest, path) = await PushAsync(server);
        Assert.InRange(ResidentPages(path), 0, 1);

        using (var get = await server.Client.GetAsync($"/v2/app/blobs/{digest}"))
        {
            Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        }

        Assert.True(await WarmedAsync(path, TimeSpan.FromSeconds(30)), $"{ResidentPages(path)} of {Pages} pages in the page cache after 30 s");
        using var again = await server.Client.GetAsync($"/v2/app/blobs/{digest}");
        Assert.Equal(content, await again.Content.ReadAsByteArrayAsync());
    }

    internal static async Task<(byte[] Content, string Digest, string Path)> PushAsync(RegistryServer server)
    {
        var content = TestContent.RandomBytes(Size);
        var digest = await server.Client.PushBlobAsync("app", content);
        var hex = digest["sha256:".Length..];
        return (content, digest, Path.Combine(server.DataDirectory, "blobs", "sha256", hex[..2], hex));
    }

    internal static long ResidentPages(string path)
    {
        using var file = File.OpenHandle(path);
        return PageCache.ResidentPages(file);
    }

    internal static async Task<bool> WarmedAsync(string path, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (ResidentPages(path) < Pages)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static async Task AssertServedExactlyAsync(RegistryServer server, byte[] content, string digest)
    {
        using (var whole = await server.Client.GetAsync($"/v2/app/blobs/{digest}"))
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal(content, await whole.Content.ReadAsByteArrayAsync());
        }

        // Offsets inside a block, on a block edge, across chunks, one byte, the tail.
        (long From, long To)[] ranges = [(4097, (2 * MiB) + 5), (MiB, (3 * MiB) - 1), (Size - 5000, Size - 1), (123_456, 123_456), (0, 4095)];
        foreach (var (from, to) in ranges)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/app/blobs/{digest}");
            request.Headers.Range = new RangeHeaderValue(from, to);
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(content[(int)from..((int)to + 1)], await response.Content.ReadAsByteArrayAsync());
        }

        using var suffix = new HttpRequestMessage(HttpMethod.Get, $"/v2/app/blobs/{digest}");
        suffix.Headers.Range = new RangeHeaderValue(null, 70_000);
        using var last = await server.Client.SendAsync(suffix);
        Assert.Equal(HttpStatusCode.PartialContent, last.StatusCode);
        Assert.Equal(content[^70_000..], await last.Content.ReadAsByteArrayAsync());
    }
}
