using System.Net;
using System.Net.Http.Headers;
using Portalcrane.Oci;

namespace Portalcrane.Registry.Tests;

public sealed class BlobTests
{
    [Fact]
    public async Task Monolithic_upload_then_GET_and_HEAD_return_the_bytes_and_digest()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(100_000);
        var digest = TestContent.DigestOf(content);

        using var post = await server.Client.PostAsync($"/v2/app/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal($"/v2/app/blobs/{digest}", post.Headers.Location!.OriginalString);
        Assert.Equal(digest, post.Headers.GetValues("Docker-Content-Digest").Single());

        using var get = await server.Client.GetAsync($"/v2/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(digest, get.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal($"\"{digest}\"", get.Headers.ETag!.Tag);

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        Assert.Equal(digest, head.Headers.GetValues("Docker-Content-Digest").Single());
    }

    [Fact]
    public async Task Range_requests_return_the_requested_bytes()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(10_000);
        var digest = await server.Client.PushBlobAsync("app", content);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/app/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[1000..2000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 1000-1999/10000", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task A_wrong_digest_is_refused_and_nothing_is_stored()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(5000);
        var wrong = TestContent.DigestOf([1, 2, 3]);

        using var post = await server.Client.PostAsync($"/v2/app/blobs/uploads/?digest={wrong}", new ByteArrayContent(content));
        await OciAssert.ErrorAsync(post, HttpStatusCode.BadRequest, "DIGEST_INVALID");

        using var get = await server.Client.GetAsync($"/v2/app/blobs/{wrong}");
        await OciAssert.ErrorAsync(get, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        using var actual = await server.Client.GetAsync($"/v2/app/blobs/{TestContent.DigestOf(content)}");
        await OciAssert.ErrorAsync(actual, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:..%2F..%2F..%2Fetc%2Fpasswd")]
    public async Task Malformed_digests_are_refused_with_DIGEST_INVALID(string digest)
    {
        await using var server = await RegistryServer.StartAsync();
        using var get = await server.Client.GetAsync($"/v2/app/blobs/{digest}");
        await OciAssert.ErrorAsync(get, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        using var post = await server.Client.PostAsync($"/v2/app/blobs/uploads/?digest={digest}", new ByteArrayContent([1]));
        await OciAssert.ErrorAsync(post, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Sha512_blobs_are_verified_and_served()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(3000);
        var digest = Digest.Compute(Digest.Sha512, content).ToString();

        using var post = await server.Client.PostAsync($"/v2/app/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(content, await server.Client.GetByteArrayAsync($"/v2/app/blobs/{digest}"));
    }

    [Fact]
    public async Task A_repository_cannot_read_a_blob_that_was_pushed_elsewhere()
    {
        await using var server = await RegistryServer.StartAsync();
        var digest = await server.Client.PushBlobAsync("team/secret", TestContent.RandomBytes(2048));

        using var other = await server.Client.GetAsync($"/v2/other/blobs/{digest}");
        await OciAssert.ErrorAsync(other, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/other/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Cross_repository_mount_links_an_existing_blob_without_an_upload()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(4096);
        var digest = await server.Client.PushBlobAsync("source", content);

        using var mount = await server.Client.PostAsync($"/v2/target/blobs/uploads/?mount={digest}&from=source", null);
        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal($"/v2/target/blobs/{digest}", mount.Headers.Location!.OriginalString);
        Assert.Equal(content, await server.Client.GetByteArrayAsync($"/v2/target/blobs/{digest}"));
        Assert.Single(Directory.GetFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Mount_from_a_repository_without_the_blob_opens_an_upload_session()
    {
        await using var server = await RegistryServer.StartAsync();
        var digest = await server.Client.PushBlobAsync("source", TestContent.RandomBytes(100));

        using var mount = await server.Client.PostAsync($"/v2/target/blobs/uploads/?mount={digest}&from=elsewhere", null);
        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        Assert.StartsWith("/v2/target/blobs/uploads/", mount.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var get = await server.Client.GetAsync($"/v2/target/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_blob_from_the_repository_only()
    {
        await using var server = await RegistryServer.StartAsync();
        var content = TestContent.RandomBytes(512);
        var digest = await server.Client.PushBlobAsync("one", content);
        await server.Client.PushBlobAsync("two", content);

        using var delete = await server.Client.DeleteAsync($"/v2/one/blobs/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var gone = await server.Client.GetAsync($"/v2/one/blobs/{digest}");
        await OciAssert.ErrorAsync(gone, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        Assert.Equal(content, await server.Client.GetByteArrayAsync($"/v2/two/blobs/{digest}"));

        using var again = await server.Client.DeleteAsync($"/v2/one/blobs/{digest}");
        await OciAssert.ErrorAsync(again, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }
}
