using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portalcrane.Registry.Metadata;

namespace Portalcrane.Registry.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_pushes_sharing_layers_keep_the_index_exact()
    {
        await using var server = await RegistryServer.StartAsync();
        var shared = TestContent.RandomBytes(50_000);
        var sharedDigest = TestContent.DigestOf(shared);

        async Task PushAsync(int i)
        {
            var name = $"team/app{i % 4}";
            await server.Client.PushBlobAsync(name, shared);
            var config = System.Text.Encoding.UTF8.GetBytes($$"""{"architecture":"amd64","os":"linux","i":{{i}}}""");
            var configDigest = await server.Client.PushBlobAsync(name, config);
            var manifest = TestContent.ImageManifest(configDigest, config.Length, sharedDigest, shared.Length);
            using var put = await server.Client.PutManifestAsync(name, $"v{i}", manifest);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await Task.WhenAll(Enumerable.Range(0, 24).Select(PushAsync));

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(4, await db.Repositories.CountAsync());
        Assert.Equal(24, await db.Manifests.CountAsync());
        Assert.Equal(24, await db.Tags.CountAsync());
        Assert.Equal(1, await db.Blobs.CountAsync(b => b.Digest == sharedDigest));
        Assert.Equal(4, await db.RepositoryBlobs.CountAsync(l => l.Digest == sharedDigest));

        // Deduplicated stored bytes equal the bytes on disk.
        var indexed = await db.Blobs.SumAsync(b => b.Size);
        var onDisk = Directory.GetFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.Equal(onDisk, indexed);
        Assert.Equal(25, await db.Blobs.CountAsync());
    }
}
