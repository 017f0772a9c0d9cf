using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>A non-admin sees only what they may pull, and no action they may not take.</summary>
public sealed class RestrictedViewTests
{
    [Fact]
    public async Task A_reader_sees_only_their_folder_and_no_destructive_actions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await UiBed.StartAsync(ct);
        await bed.PushAsync("team/app:1.0", ct);
        await bed.PushAsync("secret/vault:1.0", ct);
        var reader = await bed.Access.Admin.CreateUserAsync("reader", "reader-password", canPull: true, canPush: false);
        await bed.Access.Admin.CreateFolderAsync("team");

        // The administrator grants the reader pull on the team folder in the grant matrix.
        var admin = await bed.NewPageAsync();
        await UiBed.LoginAsync(admin, "admin", AccessBed.AdminPassword, "/settings/folders");
        await admin.GetByLabel("Edit the grants of team").ClickAsync();
        await admin.GetByLabel("user reader may pull").CheckAsync();
        await admin.ClickAsync("text=Save grants");
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Saved the grants on team");
        Assert.True(reader > 0);

        var page = await bed.NewPageAsync();
        await UiBed.LoginAsync(page, "reader", "reader-password");

        // The dashboard counts only what the reader may pull, and shows no account figures.
        await Assertions.Expect(page.Locator("[data-testid=card-images-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=card-users]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("a[href='/settings']")).ToHaveCountAsync(0);

        await page.ClickAsync("a[href='/images']");
        await Assertions.Expect(page.Locator("[data-testid=image-link]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=image-link]")).ToHaveTextAsync("team/app");

        // The image page offers copying, not deleting or retagging.
        await page.ClickAsync("[data-testid=image-link]");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveTextAsync("1.0");
        await Assertions.Expect(page.Locator("[data-testid='copy-pull-1.0']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='delete-1.0']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=delete-image]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='retag-1.0']")).ToHaveCountAsync(0);

        // An image outside the grant does not exist for the reader, even by its address.
        await page.GotoAsync("/images/secret/vault");
        await UiBed.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=image-missing]")).ToBeVisibleAsync();
        await page.GotoAsync("/settings");
        await UiBed.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=admins-only]")).ToBeVisibleAsync();
    }
}
