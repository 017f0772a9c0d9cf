using Microsoft.EntityFrameworkCore;
using Portalcrane.Registry.Metadata;

namespace Portalcrane.Registry.Listing;

/// <summary>
/// Catalog, tag and referrer listings, all answered from the index (never a filesystem walk),
/// sorted by ordinal (byte) order, paged with <c>n</c> and <c>last</c>.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#content-discovery
/// </summary>
public sealed class ListingService(RegistryDbContext db)
{
    /// <summary>Repositories that hold at least one manifest (and that <paramref name="visible"/> lets through, when given).</summary>
    public async Task<Page> CatalogAsync(int limit, string? last, Func<string, bool>? visible, CancellationToken cancellationToken)
    {
        if (visible is null)
        {
            return ToPage(await CatalogNamesAsync(last, limit + 1, cancellationToken), limit);
        }

        // Filtered: read ahead in batches until the page is full or the catalog ends.
        var names = new List<string>(limit + 1);
        var batch = Math.Max(100, limit + 1);
        while (names.Count <= limit)
        {
            var read = await CatalogNamesAsync(last, batch, cancellationToken);
            names.AddRange(read.Where(visible).Take(limit + 1 - names.Count));
            if (read.Count < batch)
            {
                break;
            }

            last = read[^1];
        }

        return ToPage(names, limit);
    }

    private Task<List<string>> CatalogNamesAsync(string? last, int count, CancellationToken cancellationToken)
    {
        var query = db.Repositories.AsNoTracking().Where(r => r.Manifests.Any());
        if (!string.IsNullOrEmpty(last))
        {
            query = query.Where(r => string.Compare(r.Name, last) > 0);
        }

        return query.OrderBy(r => r.Name).Select(r => r.Name).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>The repository's tags, or null when the repository holds nothing.</summary>
    public async Task<Page?> TagsAsync(string repository, int limit, string? last, CancellationToken cancellationToken)
    {
        var id = await db.Repositories.AsNoTracking()
            .Where(r => r.Name == repository && r.Manifests.Any())
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return null;
        }

        var query = db.Tags.AsNoTracking().Where(t => t.RepositoryId == id);
        if (!string.IsNullOrEmpty(last))
        {
            query = query.Where(t => string.Compare(t.Name, last) > 0);
        }

        var names = await query.OrderBy(t => t.Name).Select(t => t.Name).Take(limit + 1).ToListAsync(cancellationToken);
        return ToPage(names, limit);
    }

    public async Task<IReadOnlyList<Referrer>> ReferrersAsync(string repository, string subject, string? artifactType, CancellationToken cancellationToken)
    {
        var query = db.Manifests.AsNoTracking().Where(m => m.Repository.Name == repository && m.SubjectDigest == subject);
        if (artifactType is not null)
        {
            query = query.Where(m => m.ArtifactType == artifactType);
        }

        return await query
            .OrderBy(m => m.Digest)
            .Select(m => new Referrer(m.MediaType, m.Digest, m.Size, m.ArtifactType, m.Annotations))
            .ToListAsync(cancellationToken);
    }

    private static Page ToPage(List<string> names, int limit)
    {
        var hasMore = names.Count > limit;
        if (hasMore)
        {
            names.RemoveAt(names.Count - 1);
        }

        return new Page(names, hasMore);
    }
}
