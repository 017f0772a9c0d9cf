using Bunit;
using Portalcrane.Ui;
using Portalcrane.Ui.Shared;

namespace Portalcrane.Tests.Ui;

/// <summary>How figures read on screen.</summary>
public sealed class FormatTests : BunitContext
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1_000, "1 KB")]
    [InlineData(69_812, "69.8 KB")]
    [InlineData(1_500_000_000, "1.5 GB")]
    [InlineData(1_073_741_824, "1.1 GB")]
    public void Bytes_read_in_decimal_units(long bytes, string expected) => Assert.Equal(expected, Format.Bytes(bytes));

    [Fact]
    public void Digests_shorten_to_the_algorithm_and_twelve_hex_digits()
    {
        Assert.Equal("sha256:8d5ddec16c4c", Format.ShortDigest("sha256:8d5ddec16c4c59ffc4cbadb8f0c5d5016e13f259f182dd17621efb3d50536cdb"));
        Assert.Equal("tag", Format.ShortDigest("tag"));
    }

    [Fact]
    public void Recent_times_read_as_ages()
    {
        var now = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("just now", Format.Ago(now.AddSeconds(-20), now));
        Assert.Equal("1 minute ago", Format.Ago(now.AddMinutes(-1), now));
        Assert.Equal("5 hours ago", Format.Ago(now.AddHours(-5), now));
        Assert.Equal("3 days ago", Format.Ago(now.AddDays(-3), now));
        Assert.Equal("2024-01-01 00:00 UTC", Format.Ago(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), now));
        Assert.Equal("never", Format.Ago(null, now));
    }

    [Fact]
    public void A_stat_card_shows_its_title_value_and_detail()
    {
        Services.AddMudServicesForTests();
        var card = Render<StatCard>(p => p.Add(c => c.Title, "Total images").Add(c => c.Value, "1,204").Add(c => c.Detail, "9,800 tags").Add(c => c.TestId, "card-images"));
        Assert.Equal("1,204", card.Find("[data-testid=card-images-value]").TextContent.Trim());
        Assert.Contains("Total images", card.Markup, StringComparison.Ordinal);
        Assert.Contains("9,800 tags", card.Markup, StringComparison.Ordinal);
    }
}

internal static class TestServices
{
    public static void AddMudServicesForTests(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        MudBlazor.Services.ServiceCollectionExtensions.AddMudServices(services);
}
