using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>Themes (remembered per user, automatic follows the system live) and session expiry.</summary>
public sealed class ThemeAndSessionTests
{
    [Fact]
    public async Task The_theme_choice_is_remembered_and_automatic_follows_the_system_live()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await UiBed.StartAsync(ct);
        var page = await bed.NewPageAsync(ColorScheme.Light);
        await UiBed.LoginAsync(page, "admin", AccessBed.AdminPassword);
        var root = page.Locator(".pc-root");

        // Automatic by default: the system says light, then dark, and the page follows without a reload.
        await Assertions.Expect(root).ToHaveAttributeAsync("data-theme-choice", "auto");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-theme", "light");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await Assertions.Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        await Assertions.Expect(root).ToHaveAttributeAsync("data-theme", "light");

        // An explicit dark choice holds whatever the system says, in a new page too.
        await page.ClickAsync("button[aria-label=Theme]");
        await page.GetByLabel("Dark theme").ClickAsync();
        await Assertions.Expect(root).ToHaveAttributeAsync("data-theme", "dark");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor");
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/images");
        await UiBed.WaitForCircuitAsync(other);
        await Assertions.Expect(other.Locator(".pc-root")).ToHaveAttributeAsync("data-theme-choice", "dark");
        await Assertions.Expect(other.Locator(".pc-root")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.NotEqual("rgb(245, 247, 250)", background);
    }

    [Fact]
    public async Task A_session_that_ends_sends_the_page_to_the_login_and_back_to_the_same_page()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await UiBed.StartAsync(ct, new Dictionary<string, string> { ["Ui__SessionCheckInterval"] = "00:00:02" });
        await bed.PushAsync("team/app:1.0", ct);
        var page = await bed.NewPageAsync();
        await UiBed.LoginAsync(page, "admin", AccessBed.AdminPassword, "/images/team/app");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveTextAsync("1.0");

        // The session ends elsewhere (another tab logs out).
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/logout");
        await other.ClickAsync("[data-testid=logout-submit]");
        await other.WaitForURLAsync("**/login");

        // The open page notices, goes to the login page, and comes back where it was.
        await page.WaitForURLAsync("**/login?returnUrl=*");
        Assert.Contains("returnUrl=%2Fimages%2Fteam%2Fapp", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", AccessBed.AdminPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/images/team/app");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveTextAsync("1.0");
    }
}
