using System.Net;
using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>Tag deletion and retagging from the image page, checked through the registry API.</summary>
public sealed class TagChangeTests
{
    [Fact]
    public async Task Deleting_a_tag_keeps_its_sibling_and_a_retag_points_at_the_same_digest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await UiBed.StartAsync(ct);
        await bed.PushAsync("team/app:1.0", ct);
        await bed.PushAsync("team/app:stable", ct);
        await bed.PushAsync("team/app:old-1", ct);
        await bed.PushAsync("team/app:old-2", ct);
        var digest = await DigestAsync(bed, "team/app", "stable", ct);

        var page = await bed.NewPageAsync();
        await UiBed.LoginAsync(page, "admin", AccessBed.AdminPassword, "/images/team/app");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveCountAsync(4);

        // Several tags at once: select, confirm the list, and only those go.
        await page.Locator("tr", new() { HasText = "old-1" }).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("tr", new() { HasText = "old-2" }).Locator("input[type=checkbox]").CheckAsync();
        await page.ClickAsync("[data-testid=delete-selected]");
        await Assertions.Expect(page.Locator("[data-testid=confirm-items] li")).ToHaveTextAsync(["team/app:old-1", "team/app:old-2"]);
        await page.ClickAsync("[data-testid=confirm-button]");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveCountAsync(2);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bed, "team/app", "old-1", ct));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bed, "team/app", "old-2", ct));

        // The confirmation names the tag that goes and the sibling that stays.
        await page.ClickAsync("[data-testid='delete-1.0']");
        await Assertions.Expect(page.Locator("[data-testid=confirm-items]")).ToHaveTextAsync("team/app:1.0");
        await Assertions.Expect(page.Locator("[data-testid=confirm-note]")).ToContainTextAsync("stable");
        await page.ClickAsync("[data-testid=confirm-button]");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveTextAsync("stable");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bed, "team/app", "1.0", ct));
        Assert.Equal(digest, await DigestAsync(bed, "team/app", "stable", ct));
        var byTag = await bed.Access.Bed.Skopeo.TryRunAsync(["inspect", "--tls-verify=false", "--creds", $"admin:{AccessBed.AdminPassword}", bed.Access.Bed.Reference("team/app:stable")], ct);
        Assert.True(byTag.ExitCode == 0, $"stable still pulls\n{byTag}");

        // Retag: a new name for the same manifest.
        await page.ClickAsync("[data-testid=retag-stable]");
        await UiBed.Input(page, "prompt-input").FillAsync("prod");
        await page.ClickAsync("[data-testid=prompt-submit]");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveCountAsync(2);
        Assert.Equal(digest, await DigestAsync(bed, "team/app", "prod", ct));

        // A bad tag is refused in the dialog, and nothing changes.
        await page.ClickAsync("[data-testid=retag-stable]");
        await UiBed.Input(page, "prompt-input").FillAsync("-bad");
        await page.ClickAsync("[data-testid=prompt-submit]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("not starting with");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=tag-link]")).ToHaveCountAsync(2);

        // Deleting the image lists every tag, then the image leaves the list.
        await page.ClickAsync("[data-testid=delete-image]");
        await Assertions.Expect(page.Locator("[data-testid=confirm-items] li")).ToHaveCountAsync(2);
        await page.ClickAsync("[data-testid=confirm-button]");
        await page.WaitForURLAsync("**/images");
        await Assertions.Expect(page.Locator("[data-testid=image-link]")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(bed, "team/app", "stable", ct));

        // Content stays pullable by digest until garbage collection.
        var byDigest = await bed.Access.Bed.Skopeo.TryRunAsync(["inspect", "--tls-verify=false", "--creds", $"admin:{AccessBed.AdminPassword}", bed.Access.Bed.Reference($"team/app@{digest}")], ct);
        Assert.True(byDigest.ExitCode == 0, $"the deleted image still pulls by digest\n{byDigest}");
    }

    private static async Task<HttpStatusCode> StatusAsync(UiBed bed, string repository, string tag, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await bed.Access.Admin.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> DigestAsync(UiBed bed, string repository, string tag, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await bed.Access.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }
}
