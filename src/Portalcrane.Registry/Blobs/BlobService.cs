using Microsoft.EntityFrameworkCore;
using Portalcrane.Oci;
using Portalcrane.Registry.Metadata;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Blobs;

/// <summary>Blobs as repositories see them: a blob is readable in a repository only through its link there.</summary>
public sealed class BlobService(RegistryDbContext db, RepositoryStore repositories, BlobStore store, BlobLocks locks, TimeProvider time)
{
    private static readonly Func<RegistryDbContext, string, string, CancellationToken, Task<long?>> LinkedSizeQuery =
        EF.CompileAsyncQuery((RegistryDbContext db, string repository, string digest, CancellationToken _) =>
            (from link in db.RepositoryBlobs
             join repo in db.Repositories on link.RepositoryId equals repo.Id
             join blob in db.Blobs on link.Digest equals blob.Digest
             where repo.Name == repository && link.Digest == digest
             select (long?)blob.Size).FirstOrDefault());

    /// <summary>The blob's size and file when the repository may read it and its bytes are present; else null.</summary>
    public async Task<StoredBlob?> FindAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var size = await LinkedSizeQuery(db, repository, digest.ToString(), cancellationToken);
        if (size is null)
        {
            return null;
        }

        var path = store.PathOf(digest);
        return File.Exists(path) ? new StoredBlob(digest, size.Value, path) : null;
    }

    /// <summary>
    /// Records a stored blob and links it to the repository; idempotent and safe under concurrent
    /// pushes. The link's time is renewed, so garbage collection's grace period protects a blob
    /// pushed again for a manifest to come. Callers hold the blob's lock.
    /// </summary>
    public async Task LinkAsync(string repository, Digest digest, long size, CancellationToken cancellationToken)
    {
        var repositoryId = await repositories.EnsureAsync(repository, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var text = digest.ToString();
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Blobs" ("Digest", "Size", "CreatedAt") VALUES ({text}, {size}, {now}) ON CONFLICT ("Digest") DO NOTHING""",
            cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "RepositoryBlobs" ("RepositoryId", "Digest", "LinkedAt") VALUES ({repositoryId}, {text}, {now}) ON CONFLICT ("RepositoryId", "Digest") DO UPDATE SET "LinkedAt" = excluded."LinkedAt" """,
            cancellationToken);
    }

    /// <summary>
    /// Cross-repository mount: links a blob the source repository holds into the target without
    /// moving a byte. False when the source does not hold it.
    /// </summary>
    public async Task<StoredBlob?> MountAsync(string target, string source, Digest digest, CancellationToken cancellationToken)
    {
        await using (await locks.AcquireAsync(digest, cancellationToken))
        {
            var blob = await FindAsync(source, digest, cancellationToken);
            if (blob is not null)
            {
                await LinkAsync(target, digest, blob.Size, cancellationToken);
            }

            return blob;
        }
    }

    /// <summary>Removes the repository's link; the bytes stay until garbage collection finds nothing else uses them.</summary>
    public async Task<bool> UnlinkAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var text = digest.ToString();
        var removed = await db.RepositoryBlobs
            .Where(l => l.Digest == text && db.Repositories.Any(r => r.Id == l.RepositoryId && r.Name == repository))
            .ExecuteDeleteAsync(cancellationToken);
        return removed > 0;
    }
}
