namespace Portalcrane.Features.Access;

/// <summary>
/// Who is calling: a user (with the global flags of the account and, when authenticated by an
/// access token, what that token's scopes allow), or nobody.
/// </summary>
public sealed record Principal
{
    public static readonly Principal Anonymous = new() { Name = string.Empty };

    public long? UserId { get; init; }

    public required string Name { get; init; }

    public bool IsAdmin { get; init; }

    public bool CanPull { get; init; }

    public bool CanPush { get; init; }

    public IReadOnlyList<long> GroupIds { get; init; } = [];

    /// <summary>The most any repository may grant: everything, or what an access token's scopes allow.</summary>
    public Rights Cap { get; init; } = Rights.All;

    /// <summary>The personal access token the caller authenticated with, if any.</summary>
    public string? TokenId { get; init; }

    public bool IsAuthenticated => UserId is not null;
}
