using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>An administrator logs in, browses, searches and inspects images in a real browser.</summary>
public sealed class BrowseTests
{
    [Fact]
    public async Task An_admin_logs_in_searches_the_images_and_opens_a_tag_in_advanced_mode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await UiBed.StartAsync(ct);
        await bed.PushAsync("team/app:1.0", ct);
        await bed.PushAsync("tools/builder:latest", ct);

        var page = await bed.NewPageAsync();
        await UiBed.LoginAsync(page, "admin", AccessBed.AdminPassword);

        // The dashboard counts what was pushed.
        await Assertions.Expect(page.Locator("[data-testid=card-images-value]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=card-images]")).ToContainTextAsync("2 tags");

        // Search on the server: only the matching image stays.
        await page.ClickAsync("a[href='/images']");
        await Assertions.Expect(page.Locator("[data-testid=image-link]")).ToHaveTextAsync(["team/app", "tools/builder"]);

        // Sorting happens on the server: by name descending, then back.
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Name" }).Locator(".mud-table-sort-label").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=image-link]")).ToHaveTextAsync(["tools/builder", "team/app"]);
        await UiBed.Input(page, "image-search").FillAsync("build");
        await Assertions.Expect(page.Locator("[data-testid=image-link]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=image-link]")).ToHaveTextAsync("tools/builder");

        // The image page lists its tags; the tag page in advanced mode shows the config and layers.
        await UiBed.Input(page, "image-search").FillAsync("team");
        await page.ClickAsync("[data-testid=image-link] >> text=team/app");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveTextAsync("1.0");
        await page.ClickAsync("[data-testid=tag-link]");
        await page.GetByLabel("Advanced mode").CheckAsync();
        var advanced = page.Locator("[data-testid=advanced]");
        await Assertions.Expect(advanced.Locator("[data-testid=cfg-os]")).ToHaveTextAsync("linux");
        await Assertions.Expect(advanced.Locator("[data-testid=cfg-arch]")).ToHaveTextAsync("amd64");
        await Assertions.Expect(advanced.Locator("[data-testid=cfg-cmd]")).ToHaveTextAsync("[\"/bin/server\",\"--port\",\"8080\"]");
        await Assertions.Expect(advanced.Locator("[data-testid=env-table]")).ToContainTextAsync("PORTALCRANE_TEST");
        await Assertions.Expect(advanced.Locator("[data-testid=labels-table]")).ToContainTextAsync("portalcrane-test");
        await Assertions.Expect(advanced.Locator("[data-testid=layers-table]")).ToContainTextAsync("portalcrane end-to-end layer 0");
        await Assertions.Expect(advanced).ToContainTextAsync("8080/tcp");
        await Assertions.Expect(advanced.Locator("[data-testid=no-referrers]")).ToBeVisibleAsync();
    }
}
