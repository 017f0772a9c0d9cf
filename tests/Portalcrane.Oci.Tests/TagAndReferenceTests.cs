using Portalcrane.Oci;

namespace Portalcrane.Oci.Tests;

public sealed class TagAndReferenceTests
{
    [Theory]
    [InlineData("latest")]
    [InlineData("v1.2.3")]
    [InlineData("_hidden")]
    [InlineData("1.0-RC_2")]
    public void Accepts_valid_tags(string tag) => Assert.True(Tag.IsValid(tag));

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("..")]
    public void Refuses_invalid_tags(string tag) => Assert.False(Tag.IsValid(tag));

    [Fact]
    public void Tag_length_is_capped_at_128()
    {
        Assert.True(Tag.IsValid(new string('a', 128)));
        Assert.False(Tag.IsValid(new string('a', 129)));
    }

    [Fact]
    public void A_reference_is_a_digest_when_it_has_a_colon()
    {
        var digest = Digest.Compute(Digest.Sha256, [1, 2, 3]);
        Assert.True(Reference.TryParse(digest.ToString(), out var byDigest));
        Assert.True(byDigest.IsDigest);
        Assert.Equal(digest, byDigest.Digest);

        Assert.True(Reference.TryParse("v1", out var byTag));
        Assert.False(byTag.IsDigest);
        Assert.Equal("v1", byTag.Tag);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("bad/tag")]
    [InlineData("")]
    public void Refuses_invalid_references(string value) => Assert.False(Reference.TryParse(value, out _));
}
