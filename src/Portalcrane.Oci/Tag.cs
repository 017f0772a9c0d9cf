using System.Text.RegularExpressions;

namespace Portalcrane.Oci;

/// <summary>
/// The tag grammar of the distribution spec: <c>[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}</c>.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pulling-manifests
/// </summary>
public static partial class Tag
{
    public static bool IsValid(string? tag) => tag is { Length: > 0 and <= 128 } && Grammar().IsMatch(tag);

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
