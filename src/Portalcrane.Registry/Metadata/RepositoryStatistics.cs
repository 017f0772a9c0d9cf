using Microsoft.EntityFrameworkCore;

namespace Portalcrane.Registry.Metadata;

/// <summary>
/// Keeps a repository's statistics row (tags, manifests, deduplicated size, last push, platforms)
/// equal to its index. Recomputed from committed rows after every change, so concurrent pushes
/// converge: the last refresh to run sees every change committed before it.
/// </summary>
public sealed class RepositoryStatistics(RegistryDbContext db)
{
    public async Task RefreshAsync(long repositoryId, CancellationToken cancellationToken)
    {
        var platforms = await db.Manifests.AsNoTracking()
            .Where(m => m.RepositoryId == repositoryId && m.Platforms != null && db.Tags.Any(t => t.ManifestId == m.Id))
            .Select(m => m.Platforms!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var joined = Join(platforms);

        // One statement: the same SQL on SQLite and PostgreSQL.
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE "Repositories" SET
              "TagCount" = (SELECT COUNT(*) FROM "Tags" t WHERE t."RepositoryId" = {repositoryId}),
              "ManifestCount" = (SELECT COUNT(*) FROM "Manifests" m WHERE m."RepositoryId" = {repositoryId}),
              "Size" = COALESCE((SELECT SUM(b."Size") FROM "Blobs" b WHERE b."Digest" IN (
                  SELECT r."Digest" FROM "ManifestReferences" r JOIN "Manifests" m ON m."Id" = r."ManifestId"
                  WHERE m."RepositoryId" = {repositoryId} AND r."Kind" <> {(int)ReferenceKind.Manifest})), 0),
              "LastPushedAt" = (SELECT MAX(x."At") FROM (
                  SELECT MAX(m."PushedAt") AS "At" FROM "Manifests" m WHERE m."RepositoryId" = {repositoryId}
                  UNION ALL SELECT MAX(t."UpdatedAt") FROM "Tags" t WHERE t."RepositoryId" = {repositoryId}) x),
              "Platforms" = {joined}
            WHERE "Id" = {repositoryId}
            """,
            cancellationToken);
    }

    /// <summary>The distinct platforms of several comma-separated lists, sorted, or null when none.</summary>
    public static string? Join(IEnumerable<string?> lists)
    {
        var all = lists.SelectMany(l => (l ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (all.Count == 0)
        {
            return null;
        }

        var text = string.Join(',', all);
        return text.Length <= 1024 ? text : text[..text.LastIndexOf(',', 1023)];
    }
}
