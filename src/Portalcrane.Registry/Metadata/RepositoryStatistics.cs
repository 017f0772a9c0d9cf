using Microsoft.EntityFrameworkCore;

namespace Portalcrane.Registry.Metadata;

/// <summary>
/// Keeps a repository's statistics row (tags, manifests, deduplicated size, last push, platforms)
/// equal to its index. Recomputed from committed rows after every change, so concurrent pushes
/// converge: the last refresh to run sees every change committed before it.
/// </summary>
public sealed partial class RepositoryStatistics(RegistryDbContext db)
{
    public async Task RefreshAsync(long repositoryId, CancellationToken cancellationToken)
    {
        // One refresh at a time per repository, reading what committed before it began: SQLite's
        // write transaction serializes them; on PostgreSQL the row lock does, and each statement
        // after it (READ COMMITTED) sees every change committed before the lock was granted.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Repositories" WHERE "Id" = {repositoryId} FOR UPDATE""", cancellationToken);
        }

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
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The distinct platforms of several comma-separated lists, sorted, or null when none (only well-formed <c>os/arch[/variant]</c> entries).</summary>
    public static string? Join(IEnumerable<string?> lists)
    {
        var all = lists.SelectMany(l => (l ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(p => PlatformText().IsMatch(p))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (all.Count == 0)
        {
            return null;
        }

        // Whole entries up to the column's 1,024 characters (each entry is at most 98).
        var text = string.Join(',', all);
        return text.Length <= 1024 ? text : text[..text.LastIndexOf(',', 1024)];
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,32}/[A-Za-z0-9._-]{1,32}(/[A-Za-z0-9._-]{1,32})?$")]
    private static partial System.Text.RegularExpressions.Regex PlatformText();
}
