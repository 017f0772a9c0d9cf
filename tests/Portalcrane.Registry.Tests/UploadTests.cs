using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portalcrane.Registry.Uploads;

namespace Portalcrane.Registry.Tests;

public sealed class UploadTests
{
    private static async Task<string> StartAsync(HttpClient client, string name = "app")
    {
        using var response = await client.PostAsync($"/v2/{name}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("0-0", response.Headers.GetValues("Range").Single());
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal(location.Split('/')[^1], response.Headers.GetValues("Docker-Upload-UUID").Single());
        return location;
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string location, byte[] chunk, long? start)
    {
        var body = new ByteArrayContent(chunk);
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = body };
        if (start is { } s)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{s}-{s + chunk.Length - 1}");
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Chunked_upload_in_order_stores_the_blob()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(300_000);
        var digest = TestContent.DigestOf(content);
        var location = await StartAsync(server.Client);

        for (var offset = 0; offset < content.Length; offset += 100_000)
        {
            using var patch = await PatchAsync(server.Client, location, content[offset..(offset + 100_000)], offset);
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
            Assert.Equal($"0-{offset + 100_000 - 1}", patch.Headers.GetValues("Range").Single());
            Assert.Equal(location, patch.Headers.Location!.OriginalString);
        }

        using var status = await server.Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-299999", status.Headers.GetValues("Range").Single());

        using var put = await server.Client.PutAsync($"{location}?digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/v2/app/blobs/{digest}", put.Headers.Location!.OriginalString);
        Assert.Equal(content, await server.Client.GetByteArrayAsync($"/v2/app/blobs/{digest}"));

        using var finished = await server.Client.GetAsync(location);
        await OciAssert.ErrorAsync(finished, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Streamed_patch_then_put_with_the_last_chunk_stores_the_blob()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(200_000);
        var digest = TestContent.DigestOf(content);
        var location = await StartAsync(server.Client);

        using var patch = await PatchAsync(server.Client, location, content[..150_000], start: null);
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        using var put = await server.Client.PutAsync($"{location}?digest={digest}", new ByteArrayContent(content[150_000..]));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(content, await server.Client.GetByteArrayAsync($"/v2/app/blobs/{digest}"));
    }

    [Fact]
    public async Task A_large_upload_after_a_small_first_chunk_stores_exactly_the_bytes_sent()
    {
        // The first chunk leaves the file at an unaligned length, so the large one starts with a
        // ragged head (page cache), goes on with direct I/O and ends with a ragged tail.
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(1000 + (9 * 1024 * 1024) + 7);
        var digest = TestContent.DigestOf(content);
        var location = await StartAsync(server.Client);

        using var first = await PatchAsync(server.Client, location, content[..1000], start: 0);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var second = await PatchAsync(server.Client, location, content[1000..], start: 1000);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal($"0-{content.Length - 1}", second.Headers.GetValues("Range").Single());

        using var put = await server.Client.PutAsync($"{location}?digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(content, await server.Client.GetByteArrayAsync($"/v2/app/blobs/{digest}"));
    }

    [Fact]
    public async Task Out_of_order_chunk_answers_416_with_the_current_range_and_changes_nothing()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(2000);
        var location = await StartAsync(server.Client);
        using var first = await PatchAsync(server.Client, location, content[..1000], 0);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var skip = await PatchAsync(server.Client, location, content[1500..], 1500);
        await OciAssert.ErrorAsync(skip, HttpStatusCode.RequestedRangeNotSatisfiable, "BLOB_UPLOAD_INVALID");
        Assert.Equal("0-999", skip.Headers.GetValues("Range").Single());

        using var repeat = await PatchAsync(server.Client, location, content[..1000], 0);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, repeat.StatusCode);

        using var rest = await PatchAsync(server.Client, location, content[1000..], 1000);
        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
        using var put = await server.Client.PutAsync($"{location}?digest={TestContent.DigestOf(content)}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task Malformed_content_range_is_refused()
    {
        await using var server = await RegistryServer.StartAsync();
        var location = await StartAsync(server.Client);
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent([1, 2, 3]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Range", "three-bytes");
        using var response = await server.Client.SendAsync(request);
        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "BLOB_UPLOAD_INVALID");
    }

    [Fact]
    public async Task Content_range_that_disagrees_with_the_body_is_SIZE_INVALID_and_changes_nothing()
    {
        await using var server = await RegistryServer.StartAsync();
        var location = await StartAsync(server.Client);
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(new byte[100]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Range", "0-199");
        using var response = await server.Client.SendAsync(request);
        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "SIZE_INVALID");

        using var status = await server.Client.GetAsync(location);
        Assert.Equal("0-0", status.Headers.GetValues("Range").Single());
    }

    [Fact]
    public async Task Finishing_with_a_wrong_or_missing_digest_is_DIGEST_INVALID_and_the_session_stays()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(5000);
        var location = await StartAsync(server.Client);
        using var patch = await PatchAsync(server.Client, location, content, 0);

        using var missing = await server.Client.PutAsync(location, null);
        await OciAssert.ErrorAsync(missing, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        using var wrong = await server.Client.PutAsync($"{location}?digest={TestContent.DigestOf([9])}", new ByteArrayContent([1, 2, 3]));
        await OciAssert.ErrorAsync(wrong, HttpStatusCode.BadRequest, "DIGEST_INVALID");

        using var status = await server.Client.GetAsync(location);
        Assert.Equal("0-4999", status.Headers.GetValues("Range").Single());
        using var right = await server.Client.PutAsync($"{location}?digest={TestContent.DigestOf(content)}", null);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
    }

    [Fact]
    public async Task Cancelled_and_unknown_sessions_answer_BLOB_UPLOAD_UNKNOWN()
    {
        await using var server = await RegistryServer.StartAsync();
        var location = await StartAsync(server.Client);
        using var other = await server.Client.GetAsync(location.Replace("/v2/app/", "/v2/other/", StringComparison.Ordinal));
        await OciAssert.ErrorAsync(other, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");

        using var cancel = await server.Client.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        using var status = await server.Client.GetAsync(location);
        await OciAssert.ErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        using var patch = await PatchAsync(server.Client, location, [1], 0);
        await OciAssert.ErrorAsync(patch, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        using var again = await server.Client.DeleteAsync(location);
        await OciAssert.ErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        using var bogus = await server.Client.GetAsync("/v2/app/blobs/uploads/..%2F..%2Fportalcrane.db");
        await OciAssert.ErrorAsync(bogus, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Sessions_expire_after_the_configured_time_and_their_bytes_are_purged()
    {
        await using var server = await RegistryServer.StartAsync(new() { ["Registry:UploadTimeout"] = "01:00:00" });
        var location = await StartAsync(server.Client);
        using var patch = await PatchAsync(server.Client, location, TestContent.RandomBytes(1000), 0);

        server.Clock.Advance(TimeSpan.FromMinutes(59));
        using var alive = await server.Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, alive.StatusCode);

        server.Clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await server.Client.GetAsync(location);
        await OciAssert.ErrorAsync(expired, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");

        await using var scope = server.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<UploadService>().PurgeExpiredAsync(CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task A_session_survives_a_restart_and_can_be_finished()
    {
        var content = TestContent.RandomBytes(64_000);
        var digest = TestContent.DigestOf(content);
        var first = await RegistryServer.StartAsync();
        var location = await StartAsync(first.Client);
        using (var patch = await PatchAsync(first.Client, location, content[..40_000], 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        }

        await first.StopAsync();
        await using var second = await RegistryServer.StartAsync(dataDirectory: first.DataDirectory);
        using var status = await second.Client.GetAsync(location);
        Assert.Equal("0-39999", status.Headers.GetValues("Range").Single());
        using var rest = await PatchAsync(second.Client, location, content[40_000..], 40_000);
        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
        using var put = await second.Client.PutAsync($"{location}?digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(content, await second.Client.GetByteArrayAsync($"/v2/app/blobs/{digest}"));
    }
}
