using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Portalcrane.EndToEnd.Tests.Access;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Oidc;

/// <summary>Single sign-on against a real OpenID provider running on loopback.</summary>
public sealed class OidcTests
{
    private static async Task<(OpenIdProvider Provider, PortalcraneTestBed Bed)> StartAsync(bool oidcOnly, CancellationToken ct)
    {
        var port = FreePort.Next();
        var redirect = $"http://127.0.0.1:{port}/api/auth/oidc/callback";
        var provider = await OpenIdProvider.StartAsync(redirect, $"http://127.0.0.1:{port}/", ct);
        var environment = provider.PortalcraneEnvironment(oidcOnly);
        environment["ADMIN_PASSWORD"] = AccessBed.AdminPassword;
        environment["OIDC_GROUP_MAPPING"] = "developers=team";
        return (provider, await PortalcraneTestBed.StartAsync(environment, ct, port));
    }

    [Fact]
    public async Task A_provider_admin_signs_in_and_in_oidc_only_mode_passwords_stop_working()
    {
        var ct = TestContext.Current.CancellationToken;
        var (provider, bed) = await StartAsync(oidcOnly: true, ct);
        using var _ = provider;
        using var __ = bed;

        using var browser = new BrowserSession(bed.Server.BaseAddress);
        var landed = await browser.SignInAsync("alice", deny: false, ct);
        Assert.Equal("/healthz", landed.AbsolutePath);
        using var me = await browser.Http.GetAsync("/api/auth/me", ct);
        var who = (await me.Content.ReadFromJsonAsync<JsonNode>(ct))!;
        Assert.Equal("alice", (string)who["username"]!);
        Assert.True((bool)who["isAdmin"]!);

        using var password = new HttpClient { BaseAddress = bed.Server.BaseAddress };
        using var refused = await password.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AccessBed.AdminPassword }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Provider_groups_map_to_portalcrane_groups_and_the_user_reaches_the_registry_with_an_access_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var (provider, bed) = await StartAsync(oidcOnly: false, ct);
        using var _ = provider;
        using var __ = bed;
        using var admin = new AdminApi(bed.Server.BaseAddress, "admin", AccessBed.AdminPassword);
        var layout = bed.CreateLayout("image");
        Images.TestImages.WriteImage(layout, "latest", layerCount: 1, layerSize: 32 * 1024);
        await bed.Skopeo.RunAsync(["copy", "--dest-tls-verify=false", "--dest-creds", $"admin:{AccessBed.AdminPassword}", layout.Reference("latest"), bed.Reference("team/app:latest")], ct);

        using var browser = new BrowserSession(bed.Server.BaseAddress);
        await browser.SignInAsync("bob", deny: false, ct);
        using var me = await browser.Http.GetAsync("/api/auth/me", ct);
        var who = (await me.Content.ReadFromJsonAsync<JsonNode>(ct))!;
        Assert.False((bool)who["isAdmin"]!);
        var bobId = (long)who["id"]!;
        var csrf = (string)who["csrfToken"]!;

        using var groups = await admin.GetAsync("/api/groups");
        var team = (await groups.Content.ReadFromJsonAsync<JsonNode>(ct))!.AsArray().Single(g => (string)g!["name"]! == "team")!;
        Assert.Contains(bobId, team["memberIds"]!.AsArray().Select(m => (long)m!));
        var folder = await admin.CreateFolderAsync("team");
        await admin.GrantAsync(folder, new { groupId = (long)team["id"]!, canPull = true, canPush = false });

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "laptop", scopes = new[] { "pull" } }) };
        create.Headers.Add("X-CSRF-Token", csrf);
        using var created = await browser.Http.SendAsync(create, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pat = (string)(await created.Content.ReadFromJsonAsync<JsonNode>(ct))!["token"]!;

        var pulled = await bed.Skopeo.TryRunAsync(["copy", "--src-tls-verify=false", "--src-creds", $"bob:{pat}", bed.Reference("team/app:latest"), $"oci:{bed.Folder.Combine("pulled")}:latest"], ct);
        Assert.True(pulled.ExitCode == 0, $"bob pulls with his access token through the mapped group\n{pulled}");
    }

    [Fact]
    public async Task A_refused_sign_in_opens_no_session()
    {
        var ct = TestContext.Current.CancellationToken;
        var (provider, bed) = await StartAsync(oidcOnly: false, ct);
        using var _ = provider;
        using var __ = bed;

        using var browser = new BrowserSession(bed.Server.BaseAddress);
        var landed = await browser.SignInAsync("carol", deny: true, ct);
        Assert.Equal("/login", landed.AbsolutePath);
        Assert.Contains("error=sso", landed.Query, StringComparison.Ordinal);
        using var me = await browser.Http.GetAsync("/api/auth/me", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
