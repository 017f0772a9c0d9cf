using Portalcrane.Oci;

namespace Portalcrane.Oci.Tests;

public sealed class DigestTests
{
    private const string EmptySha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Parses_sha256_and_sha512()
    {
        Assert.True(Digest.TryParse(EmptySha256, out var sha256));
        Assert.Equal("sha256", sha256.Algorithm);
        Assert.Equal(EmptySha256, sha256.ToString());

        var sha512 = Digest.Compute(Digest.Sha512, []);
        Assert.True(Digest.TryParse(sha512.ToString(), out var parsed));
        Assert.Equal(sha512, parsed);
        Assert.Equal(128, parsed.Hex.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555")]
    [InlineData("sha256:../../../../etc/passwd0000000000000000000000000000000000000000")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha384:38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")]
    [InlineData(":e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Refuses_malformed_or_unsupported(string value) => Assert.False(Digest.TryParse(value, out _));

    [Fact]
    public void Compute_matches_known_sha256_of_empty_content() =>
        Assert.Equal(EmptySha256, Digest.Compute(Digest.Sha256, []).ToString());
}
