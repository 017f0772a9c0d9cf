using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portalcrane.Oci;
using Portalcrane.Registry.Metadata;
using Portalcrane.Registry.Storage;
using Portalcrane.Registry.Uploads;

namespace Portalcrane.Registry.Maintenance;

/// <summary>
/// One garbage collection, marked from the index and swept while pushes and pulls go on:
/// <list type="number">
/// <item>expired upload sessions are purged;</item>
/// <item>optionally, untagged manifests go, except the children of a kept index, referrers
/// (signatures, SBOMs) of a kept manifest, and anything pushed within the grace period;</item>
/// <item>blobs that no remaining manifest references and nothing linked within the grace
/// period go, each checked again and deleted in one transaction (a manifest that started using
/// the blob meanwhile keeps it) under the blob's lock (so an upload or mount of the same content
/// in that moment is never lost);</item>
/// <item>blob files the index does not know, older than the grace period, go.</item>
/// </list>
/// A dry run marks and counts the same way and deletes nothing.
/// </summary>
public sealed partial class GarbageCollection(
    RegistryDbContext db,
    UploadService uploads,
    RepositoryStatistics statistics,
    RegistryChanges changes,
    BlobStore store,
    BlobLocks locks,
    RegistryPaths paths,
    TimeProvider time,
    IOptions<GarbageCollectionOptions> options,
    ILogger<GarbageCollection> logger)
{
    public async Task RunAsync(GcRun run, Action<Func<GcRun, GcRun>> report, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.GracePeriod;

        report(r => r with { Phase = GcPhase.Uploads });
        if (!run.DryRun)
        {
            var purged = await uploads.PurgeExpiredAsync(cancellationToken);
            report(r => r with { UploadsPurged = purged });
        }

        report(r => r with { Phase = GcPhase.Manifests });
        var gone = run.DeleteUntagged ? await CollectManifestsAsync(run.DryRun, cutoff, report, cancellationToken) : [];

        report(r => r with { Phase = GcPhase.Blobs });
        await CollectBlobsAsync(run.DryRun, cutoff, gone, report, cancellationToken);

        if (!run.DryRun)
        {
            report(r => r with { Phase = GcPhase.Files });
            var orphans = await DeleteOrphanFilesAsync(cutoff, cancellationToken);
            report(r => r with { OrphanFilesDeleted = orphans });
        }
    }

    /// <summary>Marks the manifests to keep; deletes (or, dry, counts) the rest. Returns the ids that go.</summary>
    private async Task<HashSet<long>> CollectManifestsAsync(bool dryRun, DateTime cutoff, Action<Func<GcRun, GcRun>> report, CancellationToken cancellationToken)
    {
        var manifests = await db.Manifests.AsNoTracking()
            .Select(m => new ManifestNode(m.Id, m.RepositoryId, m.Digest, m.MediaType, m.SubjectDigest, m.PushedAt))
            .ToListAsync(cancellationToken);
        var tagged = (await db.Tags.AsNoTracking().Select(t => t.ManifestId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var childrenOf = (await db.ManifestReferences.AsNoTracking().Where(r => r.Kind == ReferenceKind.Manifest)
            .Select(r => new { r.ManifestId, r.Digest }).ToListAsync(cancellationToken)).ToLookup(r => r.ManifestId, r => r.Digest);
        var byDigest = manifests.ToDictionary(m => (m.RepositoryId, m.Digest), m => m);
        var referrersOf = manifests.Where(m => m.SubjectDigest is not null).ToLookup(m => (m.RepositoryId, m.SubjectDigest!));

        // Mark: tagged and recent manifests, then what they hold (index children) and what
        // refers to them (signatures, SBOMs), transitively.
        var kept = new HashSet<long>();
        var queue = new Queue<ManifestNode>(manifests.Where(m => tagged.Contains(m.Id) || m.PushedAt >= cutoff));
        while (queue.TryDequeue(out var node))
        {
            if (!kept.Add(node.Id))
            {
                continue;
            }

            foreach (var child in childrenOf[node.Id])
            {
                if (byDigest.TryGetValue((node.RepositoryId, child), out var found))
                {
                    queue.Enqueue(found);
                }
            }

            foreach (var referrer in referrersOf[(node.RepositoryId, node.Digest)])
            {
                queue.Enqueue(referrer);
            }
        }

        var doomed = manifests.Where(m => !kept.Contains(m.Id)).ToList();
        report(r => r with { ManifestsFound = doomed.Count });
        if (dryRun)
        {
            return [.. doomed.Select(m => m.Id)];
        }

        // Sweep: indexes before their children; each delete checks again that the manifest is
        // still untagged, old, and no manifest of its repository lists it.
        var deleted = new HashSet<long>();
        var repositories = new HashSet<long>();
        foreach (var node in doomed.OrderByDescending(m => MediaTypes.IsIndex(m.MediaType)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // On PostgreSQL the row lock makes a concurrent tag insert (its foreign key check)
            // wait for this decision, and the DELETE's conditions then see what committed before.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Manifests" WHERE "Id" = {node.Id} FOR UPDATE""", cancellationToken);
            }

            var rows = await db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM "Manifests" WHERE "Id" = {node.Id} AND "PushedAt" < {cutoff}
                  AND NOT EXISTS (SELECT 1 FROM "Tags" t WHERE t."ManifestId" = {node.Id})
                  AND NOT EXISTS (SELECT 1 FROM "ManifestReferences" r JOIN "Manifests" p ON p."Id" = r."ManifestId"
                                  WHERE p."RepositoryId" = {node.RepositoryId} AND r."Kind" = {(int)ReferenceKind.Manifest} AND r."Digest" = {node.Digest})
                """,
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (rows > 0)
            {
                deleted.Add(node.Id);
                repositories.Add(node.RepositoryId);
                report(r => r with { ManifestsDeleted = r.ManifestsDeleted + 1 });
            }
        }

        var names = await db.Repositories.AsNoTracking().Where(r => repositories.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
        foreach (var repository in names)
        {
            await statistics.RefreshAsync(repository.Id, cancellationToken);
            changes.Raise(repository.Name);
        }

        LogManifests(logger, deleted.Count, doomed.Count);
        return deleted;
    }

    private async Task CollectBlobsAsync(bool dryRun, DateTime cutoff, HashSet<long> goneManifests, Action<Func<GcRun, GcRun>> report, CancellationToken cancellationToken)
    {
        // Mark: every blob a remaining manifest references (streamed: one entry per distinct digest).
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var reference in db.ManifestReferences.AsNoTracking().Where(r => r.Kind != ReferenceKind.Manifest)
                           .Select(r => new { r.ManifestId, r.Digest }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!goneManifests.Contains(reference.ManifestId))
            {
                referenced.Add(reference.Digest);
            }
        }

        var recent = (await db.RepositoryBlobs.AsNoTracking().Where(l => l.LinkedAt >= cutoff).Select(l => l.Digest).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var candidates = (await db.Blobs.AsNoTracking().Where(b => b.CreatedAt < cutoff).Select(b => new { b.Digest, b.Size }).ToListAsync(cancellationToken))
            .Where(b => !referenced.Contains(b.Digest) && !recent.Contains(b.Digest))
            .ToList();
        report(r => r with { BlobsFound = candidates.Count, BytesFound = candidates.Sum(b => b.Size) });
        if (dryRun)
        {
            return;
        }

        foreach (var blob in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Digest.TryParse(blob.Digest, out var digest))
            {
                continue;
            }

            await using (await locks.AcquireAsync(digest, cancellationToken))
            {
                // Checked again and deleted in one transaction (on SQLite it holds the write lock
                // throughout): a manifest or link that claimed the blob meanwhile keeps it.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var text = blob.Digest;
                if (db.Database.IsNpgsql())
                {
                    // A manifest push reads the blob rows it references FOR SHARE after storing:
                    // it waits for this decision and then sees the row gone, or this check sees its references.
                    await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Blobs" WHERE "Digest" = {text} FOR UPDATE""", cancellationToken);
                }

                var collectable = await db.Blobs.AnyAsync(
                    b => b.Digest == text && b.CreatedAt < cutoff
                         && !db.ManifestReferences.Any(r => r.Digest == text && r.Kind != ReferenceKind.Manifest)
                         && !db.RepositoryBlobs.Any(l => l.Digest == text && l.LinkedAt >= cutoff),
                    cancellationToken);
                if (!collectable)
                {
                    continue;
                }

                await db.RepositoryBlobs.Where(l => l.Digest == text).ExecuteDeleteAsync(cancellationToken);
                await db.Blobs.Where(b => b.Digest == text).ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                store.Delete(digest);
            }

            report(r => r with { BlobsDeleted = r.BlobsDeleted + 1, BytesFreed = r.BytesFreed + blob.Size });
        }
    }

    /// <summary>Blob files without an index row (a crash between rename and insert), older than the grace period.</summary>
    private async Task<int> DeleteOrphanFilesAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.Blobs))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in new DirectoryInfo(paths.Blobs).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var algorithm = file.Directory?.Parent?.Name;
            if (algorithm is null || file.LastWriteTimeUtc >= cutoff || !Digest.TryParse($"{algorithm}:{file.Name}", out var digest) || Path.GetFullPath(store.PathOf(digest)) != file.FullName)
            {
                continue;
            }

            var text = digest.ToString();
            await using (await locks.AcquireAsync(digest, cancellationToken))
            {
                if (!await db.Blobs.AsNoTracking().AnyAsync(b => b.Digest == text, cancellationToken))
                {
                    file.Delete();
                    deleted++;
                }
            }
        }

        return deleted;
    }

    private sealed record ManifestNode(long Id, long RepositoryId, string Digest, string MediaType, string? SubjectDigest, DateTime PushedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection deleted {Deleted} of {Found} untagged manifests")]
    private static partial void LogManifests(ILogger logger, int deleted, int found);
}
