namespace Portalcrane.Features.RegistryAuth;

/// <summary>
/// One entry of a registry token's <c>access</c> claim, as the Docker token specification has it:
/// <c>{"type":"repository","name":"team/app","actions":["pull","push"]}</c>.
/// https://distribution.github.io/distribution/spec/auth/jwt/
/// </summary>
public sealed record TokenAccess(string Type, string Name, IReadOnlyList<string> Actions)
{
    public const string Repository = "repository";
    public const string Registry = "registry";

    /// <summary>
    /// Parses a requested scope <c>type[(class)]:name:action,action</c>. The name may itself contain
    /// colons (a host with a port), so the type ends at the first colon and the actions start after the last.
    /// https://distribution.github.io/distribution/spec/auth/scope/
    /// </summary>
    public static bool TryParseScope(string scope, out TokenAccess access)
    {
        access = null!;
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first)
        {
            return false;
        }

        var type = scope[..first];
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            type = type[..paren];
        }

        var actions = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        access = new TokenAccess(type, scope[(first + 1)..last], actions);
        return access.Name.Length > 0;
    }

    public bool Allows(string action) => Actions.Contains(action) || Actions.Contains("*");
}
