using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Access;

public sealed class SessionTests
{
    [Fact]
    public async Task Login_sets_an_http_only_cookie_state_changes_need_the_csrf_token_and_logout_ends_the_session_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = bed.Bed.Server.BaseAddress };

        using var bad = await browser.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong" }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Empty(cookies.GetCookies(bed.Bed.Server.BaseAddress));

        using var login = await browser.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AccessBed.AdminPassword }, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        var csrf = (string)(await login.Content.ReadFromJsonAsync<JsonNode>(ct))!["csrfToken"]!;
        var saved = cookies.GetCookies(bed.Bed.Server.BaseAddress)["portalcrane_session"]!.Value;

        using var me = await browser.GetAsync("/api/auth/me", ct);
        Assert.Equal("admin", (string)(await me.Content.ReadFromJsonAsync<JsonNode>(ct))!["username"]!);

        using var noToken = await browser.PostAsJsonAsync("/api/groups", new { name = "forged" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/groups") { Content = JsonContent.Create(new { name = "real" }) };
        withToken.Headers.Add("X-CSRF-Token", csrf);
        using var created = await browser.SendAsync(withToken, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var logout = await browser.PostAsync("/api/auth/logout", null, ct);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        // The old cookie, replayed by someone who kept it, no longer works.
        using var replay = new HttpClient { BaseAddress = bed.Bed.Server.BaseAddress };
        replay.DefaultRequestHeaders.Add("Cookie", $"portalcrane_session={saved}");
        using var after = await replay.GetAsync("/api/auth/me", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
