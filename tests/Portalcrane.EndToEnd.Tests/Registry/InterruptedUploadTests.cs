using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Portalcrane.EndToEnd.Tests.Http;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Registry;

/// <summary>A blob upload cut in the middle: nothing half-written shows, and the client can resume where it stopped.</summary>
public sealed class InterruptedUploadTests
{
    private const int BlobSize = 64 << 20;
    private const long StallAt = 24L << 20;
    private const string Repository = "crash/app";

    [Fact]
    public Task Upload_cut_by_a_server_kill_is_invisible_after_restart_and_resumes_to_the_exact_blob() =>
        InterruptAndResumeAsync(killServer: true);

    [Fact]
    public Task Upload_cut_by_a_client_disconnect_is_invisible_and_resumes_to_the_exact_blob() =>
        InterruptAndResumeAsync(killServer: false);

    private static async Task InterruptAndResumeAsync(bool killServer)
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var blob = new byte[BlobSize];
        RandomNumberGenerator.Fill(blob);
        var digest = Sha256.Digest(blob);

        // A streamed PATCH from a client that stalls after 24 MiB, cut once the server holds them.
        long held;
        Uri location;
        using (var http = bed.CreateHttpClient())
        {
            var upload = await UploadSession.StartAsync(http, Repository, ct);
            location = upload.Location;
            using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var content = new PausingContent(blob, StallAt, Task.Delay(Timeout.Infinite, interrupt.Token));
            var patch = upload.PatchAsync(content, rangeStart: null, interrupt.Token);
            await Task.WhenAny(content.Paused, patch).WaitAsync(TimeSpan.FromSeconds(60), ct);
            Assert.True(content.Paused.IsCompleted, "the streamed PATCH ended before the client stalled");

            held = await WaitUntilHeldAsync(upload, StallAt, ct);
            Assert.True(held > 0, "the server stored none of the bytes sent before the stall");
            TestContext.Current.TestOutputHelper?.WriteLine($"interrupting the upload while the server holds {held} of {BlobSize} bytes");
            if (killServer)
            {
                bed.Server.Kill();
            }

            await interrupt.CancelAsync();
            var outcome = await Record.ExceptionAsync(() => patch);
            Assert.True(outcome is not null, "the PATCH cannot have succeeded: its body was cut short");
        }

        if (killServer)
        {
            await bed.Server.StartAsync(ct);
        }

        using var client = bed.CreateHttpClient();

        // Nothing of the interrupted blob is visible, neither through the API nor on disk.
        using (var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{Repository}/blobs/{digest}"), ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        Assert.Empty(StoredBlobFiles.ListVerified(bed.Server.DataDirectory));

        // The session kept the bytes it had acknowledged, and resumes from there.
        var resumed = new UploadSession(client, location);
        var size = await resumed.GetSizeAsync(ct);
        Assert.InRange(size, held, BlobSize - 1);

        using (var rest = await resumed.PatchAsync(new ByteArrayContent(blob, (int)size, BlobSize - (int)size), size, ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
            Assert.Equal($"0-{BlobSize - 1}", rest.Headers.NonValidated["Range"].ToString());
        }

        using (var finish = await resumed.FinishAsync(digest, ct))
        {
            Assert.Equal(HttpStatusCode.Created, finish.StatusCode);
            Assert.Equal(digest, finish.Headers.GetValues("Docker-Content-Digest").Single());
        }

        var served = await client.GetByteArrayAsync($"/v2/{Repository}/blobs/{digest}", ct);
        Assert.Equal(BlobSize, served.Length);
        Assert.Equal(digest, Sha256.Digest(served));
        var files = StoredBlobFiles.ListVerified(bed.Server.DataDirectory);
        Assert.Equal(digest["sha256:".Length..], Path.GetFileName(Assert.Single(files)));
    }

    /// <summary>Polls the session until the server holds <paramref name="expected"/> bytes (or 15 s pass); returns what it holds.</summary>
    private static async Task<long> WaitUntilHeldAsync(UploadSession upload, long expected, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var size = await upload.GetSizeAsync(ct);
            if (size >= expected || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                return size;
            }

            await Task.Delay(50, ct);
        }
    }
}
