using System.Text.RegularExpressions;

namespace Portalcrane.Oci;

/// <summary>
/// The repository name grammar of the distribution spec:
/// <c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*</c>.
/// Names that pass can never contain "..", a leading "/" or a backslash, so they are safe to use
/// anywhere a path is built from them.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pulling-manifests
/// </summary>
public static partial class RepositoryName
{
    /// <summary>Longest accepted name, as CNCF Distribution enforces.</summary>
    public const int MaxLength = 255;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && Grammar().IsMatch(name);

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
