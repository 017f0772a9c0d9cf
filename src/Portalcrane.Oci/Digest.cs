using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Portalcrane.Oci;

/// <summary>
/// A content digest, <c>algorithm:encoded</c>, restricted to the registered algorithms a registry
/// must verify: sha256 and sha512 with lowercase hex.
/// https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests
/// </summary>
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    /// <summary>The encoded part: lowercase hex, 64 characters for sha256, 128 for sha512.</summary>
    public string Hex { get; }

    public static bool TryParse([NotNullWhen(true)] string? value, out Digest digest)
    {
        digest = default;
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        var expected = algorithm switch
        {
            Sha256 => 64,
            Sha512 => 128,
            _ => -1,
        };
        if (hex.Length != expected || !IsLowerHex(hex))
        {
            return false;
        }

        digest = new Digest(algorithm == Sha256 ? Sha256 : Sha512, hex);
        return true;
    }

    /// <summary>True when the text is shaped like a digest (<c>alg:encoded</c>) even if its algorithm is not supported.</summary>
    public static bool LooksLikeDigest(string value) => value.Contains(':', StringComparison.Ordinal);

    public static bool IsSupportedAlgorithm(string algorithm) => algorithm is Sha256 or Sha512;

    public static Digest Parse(string value) =>
        TryParse(value, out var digest) ? digest : throw new FormatException($"'{value}' is not a valid digest.");

    public static Digest Compute(string algorithm, ReadOnlySpan<byte> content)
    {
        var hash = algorithm == Sha512 ? SHA512.HashData(content) : SHA256.HashData(content);
        return FromHash(algorithm, hash);
    }

    public static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash) =>
        new(algorithm == Sha512 ? Sha512 : Sha256, Convert.ToHexStringLower(hash));

    public static HashAlgorithmName HashName(string algorithm) =>
        algorithm == Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    public override string ToString() => Algorithm is null ? string.Empty : $"{Algorithm}:{Hex}";

    private static bool IsLowerHex(string value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
