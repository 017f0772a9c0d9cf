using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Audit;

/// <summary>
/// Drains the audit queue into the database in batches and trims the log to its retention, off
/// the request path. Flushes what is queued when the server stops.
/// </summary>
public sealed partial class AuditWriter(AuditLog log, IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>How long events gather before a write: under load, one transaction per interval, not per event.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);
    private int _sinceTrim;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await log.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, time, stoppingToken);
                while (log.Reader.TryPeek(out _))
                {
                    try
                    {
                        await WriteBatchAsync(CancellationToken.None);
                    }
                    catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                    {
                        // The database is away for a moment: the batch is lost, auditing goes on.
                        LogWriteFailed(logger, e);
                        await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (log.Reader.TryPeek(out _))
            {
                await WriteBatchAsync(CancellationToken.None);
            }
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<AuditEventEntity>(BatchSize);
        while (batch.Count < BatchSize && log.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        if (batch.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalcraneDbContext>();
        db.AuditEvents.AddRange(batch);
        await db.SaveChangesAsync(cancellationToken);

        _sinceTrim += batch.Count;
        if (_sinceTrim >= Math.Max(1, options.Value.MaxEvents / 100))
        {
            _sinceTrim = 0;
            await TrimAsync(db, cancellationToken);
        }
    }

    private async Task TrimAsync(PortalcraneDbContext db, CancellationToken cancellationToken)
    {
        var newest = await db.AuditEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var keepFrom = newest - options.Value.MaxEvents;
        await db.AuditEvents.Where(e => e.Id <= keepFrom).ExecuteDeleteAsync(cancellationToken);
        if (options.Value.MaxAgeDays is { } days)
        {
            var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
            await db.AuditEvents.Where(e => e.Time < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit events could not be written")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
