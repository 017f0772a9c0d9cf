using System.Security.Cryptography;

namespace Portalcrane.EndToEnd.Tests.Images;

/// <summary>Content digests as registries write them: <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
public static class Sha256
{
    public static string Digest(ReadOnlySpan<byte> content) => "sha256:" + Hex(content);

    public static string Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string HexOfFile(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
