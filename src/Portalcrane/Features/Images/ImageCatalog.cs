using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Access;
using Portalcrane.Features.Audit;
using Portalcrane.Oci;
using Portalcrane.Registry.Listing;
using Portalcrane.Registry.Manifests;
using Portalcrane.Registry.Metadata;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Features.Images;

/// <summary>
/// The images a principal may see and what they may do to them: the one service behind the UI's
/// image pages (and the same rules as /v2). Lists come from the repository statistics index.
/// </summary>
public sealed class ImageCatalog(
    RegistryDbContext db,
    AccessPolicy policy,
    ManifestService manifests,
    ListingService listings,
    BlobStore blobs,
    AuditLog audit)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ImagePage> ListAsync(Principal principal, ImageQuery query, CancellationToken cancellationToken)
    {
        var rows = Listed();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.Name.Contains(search));
        }

        if (!string.IsNullOrEmpty(query.Folder))
        {
            var prefix = query.Folder.TrimEnd('/') + "/";
            rows = rows.Where(r => r.Name.StartsWith(prefix));
        }

        var size = Math.Clamp(query.PageSize, 1, 500);
        var skip = Math.Max(0, query.Page) * size;
        var sorted = Sorted(rows, query);
        if (principal.IsAdmin)
        {
            var total = await rows.CountAsync(cancellationToken);
            return new ImagePage(await Summaries(sorted.Skip(skip).Take(size)).ToListAsync(cancellationToken), total);
        }

        // The folder rules are decided in memory (longest prefix wins), so a non-admin's list is
        // filtered after reading the candidate rows.
        var rules = await policy.LoadAsync(principal, cancellationToken);
        var visible = (await Summaries(sorted).ToListAsync(cancellationToken)).Where(r => rules.Decide(r.Name).Pull).ToList();
        return new ImagePage([.. visible.Skip(skip).Take(size)], visible.Count);
    }

    /// <summary>The folders directly under <paramref name="parent"/> (null: the top), with the images each holds.</summary>
    public async Task<IReadOnlyList<FolderNode>> FoldersAsync(Principal principal, string? parent, CancellationToken cancellationToken)
    {
        var prefix = string.IsNullOrEmpty(parent) ? string.Empty : parent.TrimEnd('/') + "/";
        var rows = Listed();
        if (prefix.Length > 0)
        {
            rows = rows.Where(r => r.Name.StartsWith(prefix));
        }

        var names = await rows.Select(r => r.Name).ToListAsync(cancellationToken);
        if (!principal.IsAdmin)
        {
            var rules = await policy.LoadAsync(principal, cancellationToken);
            names = [.. names.Where(n => rules.Decide(n).Pull)];
        }

        return [.. names
            .Select(n => n[prefix.Length..])
            .Where(rest => rest.Contains('/', StringComparison.Ordinal))
            .GroupBy(rest => rest[..rest.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FolderNode(prefix + g.Key, g.Key, g.Count(), g.Any(rest => rest.IndexOf('/', g.Key.Length + 1) > 0)))];
    }

    public async Task<ImageDetails?> GetAsync(Principal principal, string name, CancellationToken cancellationToken)
    {
        var rights = await RightsAsync(principal, name, cancellationToken);
        if (!rights.Pull)
        {
            return null;
        }

        var repository = await Listed().Where(r => r.Name == name)
            .Select(r => new { r.Id, r.Size, r.LastPushedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (repository is null)
        {
            return null;
        }

        var tags = await db.Tags.AsNoTracking().Where(t => t.RepositoryId == repository.Id)
            .OrderBy(t => t.Name)
            .Select(t => new { t.Name, t.UpdatedAt, t.Manifest.Digest, t.Manifest.MediaType, t.Manifest.Size, t.Manifest.ContentSize, t.Manifest.Platforms, t.Manifest.CreatedAt, t.ManifestId })
            .ToListAsync(cancellationToken);

        // An index weighs what its children weigh, and was built when its newest child was.
        var indexIds = tags.Where(t => MediaTypes.IsIndex(t.MediaType)).Select(t => t.ManifestId).Distinct().ToList();
        var children = indexIds.Count == 0 ? [] : await db.ManifestReferences.AsNoTracking()
            .Where(r => indexIds.Contains(r.ManifestId) && r.Kind == ReferenceKind.Manifest)
            .Join(db.Manifests.Where(m => m.RepositoryId == repository.Id), r => r.Digest, m => m.Digest, (r, m) => new { r.ManifestId, m.Size, m.ContentSize, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var byIndex = children.ToLookup(c => c.ManifestId);

        var summaries = tags.Select(t =>
        {
            var kids = byIndex[t.ManifestId].ToList();
            var size = kids.Count > 0 ? t.Size + kids.Sum(k => k.Size + k.ContentSize) : t.Size + t.ContentSize;
            var created = kids.Count > 0 ? kids.Max(k => k.CreatedAt) : t.CreatedAt;
            return new TagSummary(t.Name, t.Digest, t.MediaType, size, Split(t.Platforms), created, t.UpdatedAt);
        }).ToList();
        return new ImageDetails(name, repository.Size, repository.LastPushedAt, summaries, rights.Push);
    }

    /// <summary>A tag in depth; for an index, <paramref name="platformDigest"/> picks the child shown (default: the first).</summary>
    public async Task<TagDetails?> GetTagAsync(Principal principal, string name, string tag, string? platformDigest, CancellationToken cancellationToken)
    {
        if (!(await RightsAsync(principal, name, cancellationToken)).Pull || !Tag.IsValid(tag))
        {
            return null;
        }

        var manifest = await db.Tags.AsNoTracking().Where(t => t.Repository.Name == name && t.Name == tag)
            .Select(t => new { t.Manifest.Id, t.Manifest.Digest, t.Manifest.MediaType, t.Manifest.Content, t.RepositoryId })
            .FirstOrDefaultAsync(cancellationToken);
        if (manifest is null)
        {
            return null;
        }

        var platforms = new List<PlatformManifest>();
        string? selectedDigest = null;
        string? selectedJson = null;
        var imageId = manifest.Id;
        if (MediaTypes.IsIndex(manifest.MediaType) && ManifestParser.TryParse(manifest.Content, manifest.MediaType, out var index, out _))
        {
            platforms.AddRange(index.Manifests.Select(m => new PlatformManifest(m.Platform?.ToString() ?? "unknown", m.Digest.ToString(), m.Size)));
            var chosen = platforms.FirstOrDefault(p => p.Digest == platformDigest)
                ?? platforms.FirstOrDefault(p => !p.Platform.StartsWith("unknown", StringComparison.Ordinal))
                ?? platforms.FirstOrDefault();
            if (chosen is not null)
            {
                var child = await db.Manifests.AsNoTracking().Where(m => m.RepositoryId == manifest.RepositoryId && m.Digest == chosen.Digest)
                    .Select(m => new { m.Id, m.Content }).FirstOrDefaultAsync(cancellationToken);
                if (child is not null)
                {
                    selectedDigest = chosen.Digest;
                    selectedJson = Pretty(child.Content);
                    imageId = child.Id;
                }
            }
        }

        var references = await db.ManifestReferences.AsNoTracking().Where(r => r.ManifestId == imageId && r.Kind != ReferenceKind.Manifest)
            .OrderBy(r => r.Position).ToListAsync(cancellationToken);
        string? configJson = null;
        ImageConfig? config = null;
        if (references.FirstOrDefault(r => r.Kind == ReferenceKind.Config) is { } configReference
            && configReference.Size <= ImageConfig.MaxSize && Digest.TryParse(configReference.Digest, out var configDigest))
        {
            var bytes = await ReadBlobAsync(configDigest, cancellationToken);
            if (bytes is not null)
            {
                configJson = Pretty(bytes);
                config = MediaTypes.IsImageConfig(configReference.MediaType) ? ImageConfig.TryParse(bytes) : null;
            }
        }

        // History lines that created a layer pair with the layers in order.
        var history = config?.History.Where(h => !h.EmptyLayer).ToList() ?? [];
        var layers = references.Where(r => r.Kind == ReferenceKind.Layer)
            .Select((r, i) => new LayerDetails(r.Digest, r.MediaType, r.Size, i < history.Count ? history[i].CreatedBy : null))
            .ToList();

        var referrers = new List<ReferrerDetails>();
        foreach (var subject in new[] { manifest.Digest, selectedDigest }.OfType<string>())
        {
            referrers.AddRange((await listings.ReferrersAsync(name, subject, null, cancellationToken)).Select(r => new ReferrerDetails(
                r.Digest, r.MediaType, r.ArtifactType, r.Size,
                r.Annotations is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(r.Annotations) ?? [])));
        }

        return new TagDetails(name, tag, manifest.Digest, manifest.MediaType, Pretty(manifest.Content), platforms, selectedDigest, selectedJson, configJson, config, layers, referrers);
    }

    /// <summary>Deletes tags (only those tags: their manifests stay, pullable by digest, until garbage collection).</summary>
    public async Task<ChangeResult> DeleteTagsAsync(Principal principal, string name, IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(principal, name, cancellationToken) is { } denied)
        {
            return denied;
        }

        var missing = new List<string>();
        foreach (var tag in tags)
        {
            var deleted = Tag.IsValid(tag) && await manifests.DeleteAsync(name, Reference.ForTag(tag), cancellationToken) == ManifestDeleteStatus.Deleted;
            audit.Record(null, principal.Name, "ui.tag-delete", deleted, target: $"{name}:{tag}", repository: name);
            if (!deleted)
            {
                missing.Add(tag);
            }
        }

        return missing.Count == 0 ? ChangeResult.Done : new ChangeResult(ChangeStatus.NotFound, $"not found: {string.Join(", ", missing)}");
    }

    /// <summary>Deletes an image: every tag goes; its content stays pullable by digest until garbage collection.</summary>
    public async Task<ChangeResult> DeleteImageAsync(Principal principal, string name, CancellationToken cancellationToken)
    {
        if (await DeniedAsync(principal, name, cancellationToken) is { } denied)
        {
            return denied;
        }

        var removed = await manifests.UntagAllAsync(name, cancellationToken);
        audit.Record(null, principal.Name, "ui.image-delete", removed > 0, target: name, repository: name, detail: $"{removed} tags");
        return removed > 0 ? ChangeResult.Done : new ChangeResult(ChangeStatus.NotFound, $"{name} has no tags");
    }

    /// <summary>Adds <paramref name="newTag"/> to the manifest <paramref name="sourceTag"/> points at (moving it if it exists).</summary>
    public async Task<ChangeResult> RetagAsync(Principal principal, string name, string sourceTag, string newTag, CancellationToken cancellationToken)
    {
        if (!Tag.IsValid(newTag))
        {
            return new ChangeResult(ChangeStatus.Invalid, $"\"{newTag}\" is not a valid tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        }

        if (await DeniedAsync(principal, name, cancellationToken) is { } denied)
        {
            return denied;
        }

        var done = Tag.IsValid(sourceTag) && await manifests.TagAsync(name, Reference.ForTag(sourceTag), newTag, cancellationToken);
        audit.Record(null, principal.Name, "ui.retag", done, target: $"{name}:{newTag}", repository: name, detail: $"from {sourceTag}");
        return done ? ChangeResult.Done : new ChangeResult(ChangeStatus.NotFound, $"{name}:{sourceTag} does not exist");
    }

    private IQueryable<RepositoryEntity> Listed() => db.Repositories.AsNoTracking().Where(r => r.TagCount > 0);

    private async Task<ChangeResult?> DeniedAsync(Principal principal, string name, CancellationToken cancellationToken)
    {
        var rights = await RightsAsync(principal, name, cancellationToken);
        return rights.Push ? null : new ChangeResult(ChangeStatus.Forbidden, $"you may not change {name}");
    }

    private async Task<Rights> RightsAsync(Principal principal, string name, CancellationToken cancellationToken) =>
        !RepositoryName.IsValid(name) ? Rights.None : (await policy.LoadAsync(principal, cancellationToken)).Decide(name);

    private async Task<byte[]?> ReadBlobAsync(Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(blobs.PathOf(digest), cancellationToken);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IQueryable<RepositoryEntity> Sorted(IQueryable<RepositoryEntity> rows, ImageQuery query) => (query.Sort, query.Descending) switch
    {
        (ImageSort.Size, false) => rows.OrderBy(r => r.Size).ThenBy(r => r.Name),
        (ImageSort.Size, true) => rows.OrderByDescending(r => r.Size).ThenBy(r => r.Name),
        (ImageSort.Tags, false) => rows.OrderBy(r => r.TagCount).ThenBy(r => r.Name),
        (ImageSort.Tags, true) => rows.OrderByDescending(r => r.TagCount).ThenBy(r => r.Name),
        (ImageSort.LastPush, false) => rows.OrderBy(r => r.LastPushedAt).ThenBy(r => r.Name),
        (ImageSort.LastPush, true) => rows.OrderByDescending(r => r.LastPushedAt).ThenBy(r => r.Name),
        (_, true) => rows.OrderByDescending(r => r.Name),
        _ => rows.OrderBy(r => r.Name),
    };

    private static IQueryable<ImageSummary> Summaries(IQueryable<RepositoryEntity> rows) =>
        rows.Select(r => new ImageSummary(r.Name, r.Size, r.TagCount, r.LastPushedAt, Split(r.Platforms)));

    private static string[] Split(string? platforms) =>
        platforms is null ? [] : platforms.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string Pretty(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return System.Text.Encoding.UTF8.GetString(json);
        }
    }
}
