using Microsoft.EntityFrameworkCore;

namespace Portalcrane.Registry.Metadata;

/// <summary>Finds repositories by name, creating them on first use.</summary>
public sealed class RepositoryStore(RegistryDbContext db, TimeProvider time)
{
    private static readonly Func<RegistryDbContext, string, CancellationToken, Task<long>> FindIdQuery =
        EF.CompileAsyncQuery((RegistryDbContext db, string name, CancellationToken _) =>
            db.Repositories.Where(r => r.Name == name).Select(r => r.Id).FirstOrDefault());

    /// <summary>The repository's id, or null when it was never used.</summary>
    public async Task<long?> FindIdAsync(string name, CancellationToken cancellationToken)
    {
        var id = await FindIdQuery(db, name, cancellationToken);
        return id == 0 ? null : id;
    }

    public async Task<long> EnsureAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindIdAsync(name, cancellationToken) is { } id)
        {
            return id;
        }

        // Insert-or-ignore is the same statement on SQLite and PostgreSQL, and safe when two
        // pushes create the repository at once.
        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Repositories" ("Name", "CreatedAt", "TagCount", "ManifestCount", "Size") VALUES ({name}, {now}, 0, 0, 0) ON CONFLICT ("Name") DO NOTHING""",
            cancellationToken);
        return await FindIdQuery(db, name, cancellationToken);
    }
}
