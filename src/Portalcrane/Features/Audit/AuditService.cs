using Microsoft.EntityFrameworkCore;
using Portalcrane.Features.Data;

namespace Portalcrane.Features.Audit;

/// <summary>Reads the audit log: filtered, newest first, paged or streamed for export.</summary>
public sealed class AuditService(PortalcraneDbContext db)
{
    public IQueryable<AuditEventDto> Query(AuditQuery query)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Actor))
        {
            events = events.Where(e => e.Actor == query.Actor);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            events = events.Where(e => e.Action.StartsWith(query.Action));
        }

        if (!string.IsNullOrEmpty(query.Repository))
        {
            events = events.Where(e => e.Repository == query.Repository);
        }

        if (query.From is { } from)
        {
            var utc = from.ToUniversalTime();
            events = events.Where(e => e.Time >= utc);
        }

        if (query.To is { } to)
        {
            var utc = to.ToUniversalTime();
            events = events.Where(e => e.Time < utc);
        }

        return events.OrderByDescending(e => e.Id).Select(e => new AuditEventDto(
            e.Id, e.Time, e.Actor, e.Action, e.Target, e.Repository, e.Digest, e.Size, e.Success, e.Detail, e.ClientAddress, e.UserAgent));
    }
}
