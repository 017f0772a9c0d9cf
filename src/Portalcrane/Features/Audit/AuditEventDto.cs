namespace Portalcrane.Features.Audit;

public sealed record AuditEventDto(long Id, DateTime Time, string Actor, string Action, string? Target, string? Repository, string? Digest, long? Size, bool Success, string? Detail, string? ClientAddress, string? UserAgent);
