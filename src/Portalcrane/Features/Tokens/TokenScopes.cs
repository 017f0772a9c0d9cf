namespace Portalcrane.Features.Tokens;

/// <summary>The scopes an access token may carry.</summary>
public static class TokenScopes
{
    public const string Pull = "pull";
    public const string Push = "push";
    public const string Api = "api";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Pull, Push, Api };

    public static IReadOnlyList<string> Parse(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
