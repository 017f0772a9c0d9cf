using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>Every main page, light and dark, saved under test-output/screenshots; and the dashboard updating live.</summary>
public sealed class ScreenshotTests
{
    private static readonly (string Name, string Path, string Ready)[] Pages =
    [
        ("dashboard", "/", "[data-testid=card-images-value]"),
        ("images", "/images", "[data-testid=image-link]"),
        ("image", "/images/team/app", "[data-testid=tag-link]"),
        ("tag-advanced", "/images/team/app/-/tags/1.0?advanced=true", "[data-testid=layers-table]"),
        ("settings-accounts", "/settings/accounts", "text=built-in, read-only"),
        ("settings-folders", "/settings/folders", "text=(root)"),
        ("settings-audit", "/settings/audit", "text=registry.push"),
        ("settings-about", "/settings/about", "[data-testid=version]"),
        ("account", "/account", "text=Change password"),
    ];

    [Fact]
    public async Task Each_main_page_renders_in_light_and_dark_and_the_dashboard_follows_pushes_live()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await UiBed.StartAsync(ct, new Dictionary<string, string> { ["RELEASE_CHECK_URL"] = "http://127.0.0.1:9/releases/latest" });
        await bed.PushAsync("team/app:1.0", ct);
        await bed.PushAsync("team/app:1.1", ct);

        foreach (var (scheme, theme) in new[] { (ColorScheme.Light, "light"), (ColorScheme.Dark, "dark") })
        {
            var page = await bed.NewPageAsync(scheme);
            await page.GotoAsync("/login");
            await UiBed.ScreenshotAsync(page, $"login-{theme}");
            await UiBed.LoginAsync(page, "admin", AccessBed.AdminPassword);
            foreach (var (name, path, ready) in Pages)
            {
                await page.GotoAsync(path);
                await UiBed.WaitForCircuitAsync(page);
                await Assertions.Expect(page.Locator(".pc-root")).ToHaveAttributeAsync("data-theme", theme);
                await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
                await UiBed.ScreenshotAsync(page, $"{name}-{theme}");
            }

            // About: the release check answers clearly when the release server cannot be reached.
            await page.GotoAsync("/settings/about");
            await UiBed.WaitForCircuitAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=release-check]")).ToContainTextAsync("cannot be reached");
            await page.Context.CloseAsync();
        }

        // A phone-sized screen gets the same dashboard, with the navigation folded away.
        var phone = await bed.NewPageAsync(ColorScheme.Light, 390, 844);
        await UiBed.LoginAsync(phone, "admin", AccessBed.AdminPassword);
        await Assertions.Expect(phone.Locator("[data-testid=card-images-value]")).ToHaveTextAsync("1");
        await UiBed.ScreenshotAsync(phone, "dashboard-phone");

        // A push shows on the open dashboard without a reload.
        await bed.PushAsync("tools/builder:latest", ct);
        await Assertions.Expect(phone.Locator("[data-testid=card-images-value]")).ToHaveTextAsync("2");
        await Assertions.Expect(phone.Locator("[data-testid=card-images]")).ToContainTextAsync("3 tags");

        // The maintenance panel starts a dry run and shows what it found.
        await phone.ClickAsync("[data-testid=gc-dry-run]");
        await Assertions.Expect(phone.Locator("[data-testid=gc-status]")).ToContainTextAsync("would delete 0 manifests and 0 blobs");
        await UiBed.ScreenshotAsync(phone, "dashboard-maintenance-phone");
    }
}
