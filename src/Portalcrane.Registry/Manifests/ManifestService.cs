using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portalcrane.Oci;
using Portalcrane.Registry.Metadata;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Registry.Manifests;

/// <summary>
/// Manifests and tags: validated on PUT (every referenced blob and child manifest must be in the
/// repository), stored as the exact bytes received, indexed with everything they reference.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-manifests
/// </summary>
public sealed partial class ManifestService(
    RegistryDbContext db,
    RepositoryStore repositories,
    RepositoryStatistics statistics,
    RegistryChanges changes,
    BlobStore blobs,
    TimeProvider time,
    ILogger<ManifestService> logger)
{
    private static readonly Func<RegistryDbContext, string, string, CancellationToken, Task<StoredManifest?>> ByTagQuery =
        EF.CompileAsyncQuery((RegistryDbContext db, string repository, string tag, CancellationToken _) =>
            db.Tags.Where(t => t.Repository.Name == repository && t.Name == tag)
                .Select(t => new StoredManifest(t.Manifest.Digest, t.Manifest.MediaType, t.Manifest.Content))
                .FirstOrDefault());

    private static readonly Func<RegistryDbContext, string, string, CancellationToken, Task<StoredManifest?>> ByDigestQuery =
        EF.CompileAsyncQuery((RegistryDbContext db, string repository, string digest, CancellationToken _) =>
            db.Manifests.Where(m => m.Repository.Name == repository && m.Digest == digest)
                .Select(m => new StoredManifest(m.Digest, m.MediaType, m.Content))
                .FirstOrDefault());

    public Task<StoredManifest?> FindAsync(string repository, Reference reference, CancellationToken cancellationToken) =>
        reference.IsDigest
            ? ByDigestQuery(db, repository, reference.Digest.ToString(), cancellationToken)
            : ByTagQuery(db, repository, reference.Tag, cancellationToken);

    public async Task<ManifestPutOutcome> PutAsync(string repository, Reference reference, byte[] content, string? contentType, CancellationToken cancellationToken)
    {
        if (!ManifestParser.TryParse(content, contentType, out var manifest, out var error))
        {
            return new ManifestPutOutcome(ManifestPutStatus.Invalid, Detail: error);
        }

        var digest = Digest.Compute(reference.IsDigest ? reference.Digest.Algorithm : Digest.Sha256, content);
        if (reference.IsDigest && digest != reference.Digest)
        {
            return new ManifestPutOutcome(ManifestPutStatus.DigestInvalid, digest, Detail: $"manifest content hashes to {digest}, not {reference.Digest}");
        }

        var repositoryId = await repositories.EnsureAsync(repository, cancellationToken);
        var missing = await FindMissingReferencesAsync(repositoryId, manifest, cancellationToken);
        if (missing is not null)
        {
            return new ManifestPutOutcome(ManifestPutStatus.BlobUnknown, digest, Detail: missing);
        }

        // Garbage collection may sweep a blob or child (unreferenced until this manifest is stored)
        // between the check above and the store, or take an old untagged manifest between the
        // store and the tag: check again after storing (then the push did not happen), and store
        // again when the tag finds its manifest gone.
        for (var attempt = 1; ; attempt++)
        {
            var (manifestId, created) = await StoreAsync(repositoryId, digest, manifest, content, cancellationToken);
            if (created)
            {
                await WaitForCollectionAsync(repositoryId, manifest, cancellationToken);
                if (await FindMissingReferencesAsync(repositoryId, manifest, cancellationToken) is { } lost)
                {
                    await db.Manifests.Where(m => m.Id == manifestId).ExecuteDeleteAsync(cancellationToken);
                    await ChangedAsync(repository, repositoryId, cancellationToken);
                    return new ManifestPutOutcome(ManifestPutStatus.BlobUnknown, digest, Detail: lost);
                }
            }

            if (reference.IsDigest)
            {
                break;
            }

            try
            {
                await UpsertTagAsync(repositoryId, reference.Tag, manifestId, cancellationToken);
                break;
            }
            catch (System.Data.Common.DbException) when (attempt == 1)
            {
                // The manifest was collected between the store and the tag: store it again.
            }
        }

        await ChangedAsync(repository, repositoryId, cancellationToken);
        LogPushed(logger, repository, reference.ToString(), digest.ToString());
        return new ManifestPutOutcome(ManifestPutStatus.Created, digest, manifest.Subject?.Digest.ToString());
    }

    /// <summary>Deletes a tag (only that tag) or, by digest, a manifest with every tag pointing at it.</summary>
    public async Task<ManifestDeleteStatus> DeleteAsync(string repository, Reference reference, CancellationToken cancellationToken)
    {
        if (!reference.IsDigest)
        {
            if (await repositories.FindIdAsync(repository, cancellationToken) is not { } repositoryId
                || await db.Tags.Where(t => t.RepositoryId == repositoryId && t.Name == reference.Tag).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return ManifestDeleteStatus.NotFound;
            }

            await ChangedAsync(repository, repositoryId, cancellationToken);
            return ManifestDeleteStatus.Deleted;
        }

        var digest = reference.Digest.ToString();
        var target = await db.Manifests.AsNoTracking()
            .Where(m => m.Repository.Name == repository && m.Digest == digest)
            .Select(m => new { m.Id, m.RepositoryId })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return ManifestDeleteStatus.NotFound;
        }

        // One statement: an index that lists the manifest (now, or committed while this runs) keeps it.
        var deleted = await db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM "Manifests" WHERE "Id" = {target.Id}
              AND NOT EXISTS (SELECT 1 FROM "ManifestReferences" r JOIN "Manifests" p ON p."Id" = r."ManifestId"
                              WHERE p."RepositoryId" = {target.RepositoryId} AND r."Kind" = {(int)ReferenceKind.Manifest} AND r."Digest" = {digest})
            """,
            cancellationToken);
        if (deleted == 0)
        {
            return await db.Manifests.AnyAsync(m => m.Id == target.Id, cancellationToken) ? ManifestDeleteStatus.Referenced : ManifestDeleteStatus.NotFound;
        }

        // Tags and references go with it (cascade); blobs stay until garbage collection.
        await ChangedAsync(repository, target.RepositoryId, cancellationToken);
        return ManifestDeleteStatus.Deleted;
    }

    /// <summary>
    /// Points <paramref name="newTag"/> at the manifest <paramref name="source"/> names (a tag or a
    /// digest) in the same repository, moving the tag when it exists. False when the source is unknown.
    /// </summary>
    public async Task<bool> TagAsync(string repository, Reference source, string newTag, CancellationToken cancellationToken)
    {
        var target = source.IsDigest
            ? await db.Manifests.AsNoTracking().Where(m => m.Repository.Name == repository && m.Digest == source.Digest.ToString())
                .Select(m => new { m.Id, m.RepositoryId }).FirstOrDefaultAsync(cancellationToken)
            : await db.Tags.AsNoTracking().Where(t => t.Repository.Name == repository && t.Name == source.Tag)
                .Select(t => new { Id = t.ManifestId, t.RepositoryId }).FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return false;
        }

        try
        {
            await UpsertTagAsync(target.RepositoryId, newTag, target.Id, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // Garbage collection took the (untagged) manifest in the meantime.
            return false;
        }

        await ChangedAsync(repository, target.RepositoryId, cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes every tag of a repository: it leaves the image list and tag listings, while its
    /// manifests and blobs stay (pullable by digest) until garbage collection. Returns the tags removed.
    /// </summary>
    public async Task<int> UntagAllAsync(string repository, CancellationToken cancellationToken)
    {
        if (await repositories.FindIdAsync(repository, cancellationToken) is not { } id)
        {
            return 0;
        }

        var removed = await db.Tags.Where(t => t.RepositoryId == id).ExecuteDeleteAsync(cancellationToken);
        await ChangedAsync(repository, id, cancellationToken);
        return removed;
    }

    private async Task UpsertTagAsync(long repositoryId, string tag, long manifestId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Tags" ("RepositoryId", "Name", "ManifestId", "UpdatedAt") VALUES ({repositoryId}, {tag}, {manifestId}, {now})
            ON CONFLICT ("RepositoryId", "Name") DO UPDATE SET "ManifestId" = excluded."ManifestId", "UpdatedAt" = excluded."UpdatedAt"
            """,
            cancellationToken);
    }

    private async Task ChangedAsync(string repository, long repositoryId, CancellationToken cancellationToken)
    {
        await statistics.RefreshAsync(repositoryId, cancellationToken);
        changes.Raise(repository);
    }

    /// <summary>
    /// On PostgreSQL, reads the referenced blob and child rows FOR SHARE: a garbage collection
    /// deciding on one of them holds it FOR UPDATE, so this waits until that decision is committed
    /// and the check that follows sees it. (SQLite runs one writer at a time: nothing to wait for.)
    /// </summary>
    private async Task WaitForCollectionAsync(long repositoryId, ParsedManifest manifest, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var blobs = StoredBlobs(manifest).Select(d => d.Digest.ToString()).Distinct().ToArray();
        if (blobs.Length > 0)
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Blobs" WHERE "Digest" = ANY({blobs}) FOR SHARE""", cancellationToken);
        }

        var children = manifest.Manifests.Select(m => m.Digest.ToString()).Distinct().ToArray();
        if (children.Length > 0)
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Manifests" WHERE "RepositoryId" = {repositoryId} AND "Digest" = ANY({children}) FOR SHARE""", cancellationToken);
        }
    }

    /// <summary>The config and layers a registry stores (foreign layers live elsewhere).</summary>
    private static IEnumerable<Descriptor> StoredBlobs(ParsedManifest manifest) =>
        manifest.Layers.Where(l => !MediaTypes.IsForeignLayer(l.MediaType)).Prepend(manifest.Config).OfType<Descriptor>();

    private async Task<string?> FindMissingReferencesAsync(long repositoryId, ParsedManifest manifest, CancellationToken cancellationToken)
    {
        var blobs = StoredBlobs(manifest).ToList();
        if (blobs.Count > 0)
        {
            var wanted = blobs.Select(b => b.Digest.ToString()).Distinct().ToList();
            var found = await db.RepositoryBlobs.AsNoTracking()
                .Where(l => l.RepositoryId == repositoryId && wanted.Contains(l.Digest))
                .Join(db.Blobs, l => l.Digest, b => b.Digest, (l, b) => new { b.Digest, b.Size })
                .ToDictionaryAsync(b => b.Digest, b => b.Size, cancellationToken);
            foreach (var blob in blobs)
            {
                if (!found.TryGetValue(blob.Digest.ToString(), out var size))
                {
                    return $"blob {blob.Digest} is not in this repository";
                }

                if (size != blob.Size)
                {
                    return $"blob {blob.Digest} has {size} bytes, the manifest says {blob.Size}";
                }
            }
        }

        if (manifest.Manifests.Count > 0)
        {
            var wanted = manifest.Manifests.Select(m => m.Digest.ToString()).Distinct().ToList();
            var found = await db.Manifests.AsNoTracking()
                .Where(m => m.RepositoryId == repositoryId && wanted.Contains(m.Digest))
                .Select(m => m.Digest)
                .ToListAsync(cancellationToken);
            var absent = wanted.Except(found, StringComparer.Ordinal).FirstOrDefault();
            if (absent is not null)
            {
                return $"manifest {absent} is not in this repository";
            }
        }

        return null;
    }

    /// <summary>Stores the manifest unless the repository holds it; its id, and whether this call stored it.</summary>
    private async Task<(long Id, bool Created)> StoreAsync(long repositoryId, Digest digest, ParsedManifest manifest, byte[] content, CancellationToken cancellationToken)
    {
        var text = digest.ToString();
        var existing = await db.Manifests.Where(m => m.RepositoryId == repositoryId && m.Digest == text).Select(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing != 0)
        {
            // Pushed again: the push time renews, so garbage collection's grace period covers a
            // client that re-pushes an untagged child by digest before its index.
            var now = time.GetUtcNow().UtcDateTime;
            if (await db.Manifests.Where(m => m.Id == existing).ExecuteUpdateAsync(m => m.SetProperty(x => x.PushedAt, now), cancellationToken) > 0)
            {
                return (existing, false);
            }
        }

        var entity = ManifestEntityFactory.Create(repositoryId, digest, manifest, content, time.GetUtcNow().UtcDateTime);
        await DescribeAsync(entity, manifest, cancellationToken);
        db.Manifests.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (entity.Id, true);
        }
        catch (DbUpdateException)
        {
            // The same manifest was stored by a concurrent push: use that one.
            db.ChangeTracker.Clear();
            var stored = await db.Manifests.Where(m => m.RepositoryId == repositoryId && m.Digest == text).Select(m => m.Id).FirstOrDefaultAsync(cancellationToken);
            return stored != 0 ? (stored, false) : throw new InvalidOperationException($"manifest {text} could not be stored");
        }
    }

    /// <summary>Platforms and build time: an index's from its children, an image's from its config blob.</summary>
    private async Task DescribeAsync(ManifestEntity entity, ParsedManifest manifest, CancellationToken cancellationToken)
    {
        if (manifest.Manifests.Count > 0)
        {
            entity.Platforms = RepositoryStatistics.Join(manifest.Manifests
                .Select(m => m.Platform)
                .Where(p => p is not null && p.Os != "unknown")
                .Select(p => p!.ToString()));
            return;
        }

        if (manifest.Config is not { } config || !MediaTypes.IsImageConfig(config.MediaType) || config.Size > ImageConfig.MaxSize)
        {
            return;
        }

        try
        {
            var parsed = ImageConfig.TryParse(await File.ReadAllBytesAsync(blobs.PathOf(config.Digest), cancellationToken));
            entity.Platforms = RepositoryStatistics.Join([parsed?.Platform?.ToString()]);
            entity.CreatedAt = parsed?.Created;
        }
        catch (IOException)
        {
            // The config was verified at upload; a missing file only loses the description.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pushed manifest {Repository}:{Reference} ({Digest})")]
    private static partial void LogPushed(ILogger logger, string repository, string reference, string digest);
}
