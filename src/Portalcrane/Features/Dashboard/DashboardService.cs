using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Access;
using Portalcrane.Features.Data;
using Portalcrane.Registry.Metadata;
using Portalcrane.Registry.Storage;

namespace Portalcrane.Features.Dashboard;

public sealed record DiskUsage(long Total, long Free)
{
    public long Used => Total - Free;

    public double Percent => Total == 0 ? 0 : 100.0 * Used / Total;
}

/// <summary>The dashboard's figures: from the statistics index (never a walk over manifests).</summary>
public sealed record DashboardFigures(
    int Images,
    int Tags,
    long RegistrySize,
    DiskUsage? Disk,
    string? LargestImage,
    long LargestImageSize,
    int? Users,
    int? Administrators);

public sealed class DashboardService(RegistryDbContext registry, PortalcraneDbContext db, AccessPolicy policy, RegistryPaths paths)
{
    /// <summary>Administrators see the whole registry and the accounts; others what they may pull.</summary>
    public async Task<DashboardFigures> GetAsync(Principal principal, CancellationToken cancellationToken)
    {
        var repositories = registry.Repositories.AsNoTracking().Where(r => r.TagCount > 0);
        var disk = Disk();
        if (principal.IsAdmin)
        {
            var counts = await repositories.GroupBy(_ => 1)
                .Select(g => new { Images = g.Count(), Tags = g.Sum(r => r.TagCount) })
                .FirstOrDefaultAsync(cancellationToken);
            var largest = await repositories.OrderByDescending(r => r.Size).ThenBy(r => r.Name)
                .Select(r => new { r.Name, r.Size }).FirstOrDefaultAsync(cancellationToken);
            var stored = await registry.Blobs.SumAsync(b => (long?)b.Size, cancellationToken) ?? 0;
            var users = await db.Users.GroupBy(_ => 1)
                .Select(g => new { All = g.Count(), Admins = g.Count(u => u.IsAdmin && !u.Disabled) })
                .FirstOrDefaultAsync(cancellationToken);
            return new DashboardFigures(counts?.Images ?? 0, counts?.Tags ?? 0, stored, disk, largest?.Name, largest?.Size ?? 0, users?.All ?? 0, users?.Admins ?? 0);
        }

        var rules = await policy.LoadAsync(principal, cancellationToken);
        var rows = await repositories.Select(r => new { r.Name, r.TagCount, r.Size }).ToListAsync(cancellationToken);
        var visible = rows.Where(r => rules.Decide(r.Name).Pull).ToList();
        var top = visible.OrderByDescending(r => r.Size).ThenBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault();

        // Each image's size is deduplicated within the image; the sum is over the images they may pull.
        var size = visible.Sum(r => r.Size);
        return new DashboardFigures(visible.Count, visible.Sum(r => r.TagCount), size, disk, top?.Name, top?.Size ?? 0, null, null);
    }

    private DiskUsage? Disk()
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(paths.Root));
            return new DiskUsage(drive.TotalSize, drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
