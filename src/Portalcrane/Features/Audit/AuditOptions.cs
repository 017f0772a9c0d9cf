namespace Portalcrane.Features.Audit;

/// <summary>Retention of the audit log: <c>AUDIT_MAX_EVENTS</c> (default 100,000) and optionally <c>AUDIT_MAX_AGE_DAYS</c>.</summary>
public sealed class AuditOptions
{
    public int MaxEvents { get; set; } = 100_000;

    public int? MaxAgeDays { get; set; }
}
