using System.Net;
using System.Security.Cryptography;
using Portalcrane.EndToEnd.Tests.Http;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Registry;

/// <summary>Two clients pushing the same layer at the same moment, as two CI jobs sharing a base image do.</summary>
public sealed class ConcurrentBlobPushTests
{
    private const int BlobSize = 32 << 20;

    /// <summary>Both bodies stop one MiB before their end until both got there, so the two commits race.</summary>
    private const long PauseAt = BlobSize - (1 << 20);

    [Theory]
    [InlineData(UploadMode.Monolithic, "race/one", "race/two")]
    [InlineData(UploadMode.Chunked, "race/one", "race/two")]
    [InlineData(UploadMode.Monolithic, "race/same", "race/same")]
    [InlineData(UploadMode.Chunked, "race/same", "race/same")]
    public async Task Same_blob_pushed_by_two_clients_at_once_is_stored_once_and_readable_from_each_repository(UploadMode mode, string first, string second)
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var blob = new byte[BlobSize];
        RandomNumberGenerator.Fill(blob);
        var digest = Sha256.Digest(blob);
        using var http = bed.CreateHttpClient();

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PausingContent[] bodies = [new(blob, PauseAt, go.Task), new(blob, PauseAt, go.Task)];
        Task<string>[] pushes = [PushAsync(http, first, bodies[0], digest, mode, ct), PushAsync(http, second, bodies[1], digest, mode, ct)];
        await Task.WhenAny(Task.WhenAll(bodies.Select(b => b.Paused)), Task.WhenAny(pushes)).WaitAsync(TimeSpan.FromSeconds(60), ct);
        go.SetResult();
        var answers = await Task.WhenAll(pushes);

        Assert.Equal(["201 " + digest, "201 " + digest], answers);
        foreach (var repository in new[] { first, second }.Distinct())
        {
            var served = await http.GetByteArrayAsync($"/v2/{repository}/blobs/{digest}", ct);
            Assert.Equal(BlobSize, served.Length);
            Assert.Equal(digest, Sha256.Digest(served));
        }

        Assert.Single(StoredBlobFiles.FilesOf(bed.Server.DataDirectory, digest));
        Assert.Empty(Directory.GetFiles(Path.Combine(bed.Server.DataDirectory, "uploads")));
    }

    /// <summary>Pushes the blob; answers "&lt;status&gt; &lt;Docker-Content-Digest&gt;" of the request that stored it, or the failure.</summary>
    private static async Task<string> PushAsync(HttpClient http, string repository, PausingContent body, string digest, UploadMode mode, CancellationToken ct)
    {
        body.Headers.ContentType = new("application/octet-stream");
        if (mode == UploadMode.Monolithic)
        {
            using var post = await http.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", body, ct);
            return await DescribeAsync(post, ct);
        }

        var session = await UploadSession.StartAsync(http, repository, ct);
        using (var patch = await session.PatchAsync(body, rangeStart: 0, ct))
        {
            if (patch.StatusCode != HttpStatusCode.Accepted)
            {
                return "PATCH " + await DescribeAsync(patch, ct);
            }
        }

        using var put = await session.FinishAsync(digest, ct);
        return await DescribeAsync(put, ct);
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken ct) =>
        response.StatusCode == HttpStatusCode.Created
            ? $"201 {string.Join(',', response.Headers.TryGetValues("Docker-Content-Digest", out var d) ? d : [])}"
            : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
}
