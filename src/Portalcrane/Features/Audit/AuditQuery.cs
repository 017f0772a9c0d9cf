namespace Portalcrane.Features.Audit;

/// <summary>Filters of <c>GET /api/audit</c>; all optional. <c>action</c> matches a prefix (<c>registry.</c> for all registry events).</summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Repository, DateTime? From, DateTime? To);
