using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>"Sign in with SSO" in a real browser against a real OpenID provider.</summary>
public sealed class OidcLoginTests
{
    [Fact]
    public async Task Sign_in_with_sso_lands_on_the_page_asked_for_as_the_provider_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort.Next();
        var redirect = $"http://127.0.0.1:{port}/api/auth/oidc/callback";
        using var provider = await OpenIdProvider.StartAsync(redirect, $"http://127.0.0.1:{port}/", ct);
        await using var bed = await UiBed.StartAsync(ct, provider.PortalcraneEnvironment(oidcOnly: true), port);

        // OIDC only: the login page offers single sign-on and no password form.
        var page = await bed.NewPageAsync();
        await page.GotoAsync("/images");
        await page.WaitForURLAsync("**/login?returnUrl=*");
        await Assertions.Expect(page.Locator("#password")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=sso-login]");

        // The provider's own login and consent pages.
        await page.FillAsync("input[name=login]", "alice");
        await page.FillAsync("input[name=password]", "any");
        await page.ClickAsync("button[type=submit]");
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync("**/images");
        await UiBed.WaitForCircuitAsync(page);
        await page.ClickAsync("button[aria-label='Account menu']");
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToContainTextAsync("alice");

        // The provider's admin group made alice an administrator: settings are open to her, and the
        // single sign-on panel's connection test reaches the provider.
        await page.GotoAsync("/settings/oidc");
        await UiBed.WaitForCircuitAsync(page);
        await page.ClickAsync("text=Test the connection");
        await Assertions.Expect(page.Locator("[data-testid=oidc-check]")).ToContainTextAsync("discovery document is complete");
    }
}
