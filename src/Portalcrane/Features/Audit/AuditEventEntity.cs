namespace Portalcrane.Features.Audit;

/// <summary>One thing someone did: who, what, on what, with what result, from where, when.</summary>
public sealed class AuditEventEntity
{
    public long Id { get; set; }

    public DateTime Time { get; set; }

    /// <summary>The username, or empty for anonymous callers.</summary>
    public required string Actor { get; set; }

    /// <summary>Dotted name: <c>login</c>, <c>registry.push</c>, <c>registry.pull</c>, <c>user.create</c>...</summary>
    public required string Action { get; set; }

    public string? Target { get; set; }

    public string? Repository { get; set; }

    public string? Digest { get; set; }

    public long? Size { get; set; }

    public bool Success { get; set; }

    public string? Detail { get; set; }

    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }
}
