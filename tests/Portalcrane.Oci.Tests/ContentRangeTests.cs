using Portalcrane.Oci;

namespace Portalcrane.Oci.Tests;

public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("0-1023", 0, 1023)]
    [InlineData("1024-2047", 1024, 2047)]
    [InlineData("bytes 0-99/100", 0, 99)]
    [InlineData("bytes 5-9/*", 5, 9)]
    [InlineData(" 7-7 ", 7, 7)]
    public void Parses_inclusive_ranges(string header, long start, long end)
    {
        Assert.True(ContentRange.TryParse(header, out var range));
        Assert.Equal(start, range.Start);
        Assert.Equal(end, range.End);
        Assert.Equal(end - start + 1, range.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("100")]
    [InlineData("-5")]
    [InlineData("10-5")]
    [InlineData("a-b")]
    [InlineData("0-")]
    [InlineData("+1-2")]
    [InlineData("0--1")]
    public void Refuses_malformed_ranges(string header) => Assert.False(ContentRange.TryParse(header, out _));

    [Fact]
    public void Formats_the_range_of_an_upload()
    {
        Assert.Equal("0-0", ContentRange.FormatUploaded(0));
        Assert.Equal("0-0", ContentRange.FormatUploaded(1));
        Assert.Equal("0-1023", ContentRange.FormatUploaded(1024));
    }
}
