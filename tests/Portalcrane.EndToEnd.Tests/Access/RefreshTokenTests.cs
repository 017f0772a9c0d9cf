using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Access;

public sealed class RefreshTokenTests
{
    [Fact]
    public async Task Offline_tokens_refresh_through_the_oauth_form_until_the_account_is_disabled()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        var bob = await bed.Admin.CreateUserAsync("bob", "bob-password", canPull: true);
        var folder = await bed.Admin.CreateFolderAsync("team");
        await bed.Admin.GrantAsync(folder, new { userId = bob, canPull = true });

        using var asBob = AdminApi.Create(bed.Bed.Server.BaseAddress, "bob", "bob-password");
        using var first = await asBob.GetAsync("/auth/token?service=portalcrane&offline_token=true&scope=repository:team/app:pull", ct);
        var refresh = (string?)(await first.Content.ReadFromJsonAsync<JsonNode>(ct))!["refresh_token"];
        Assert.False(string.IsNullOrEmpty(refresh));

        using var anonymous = bed.Bed.CreateHttpClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refresh!,
            ["service"] = "portalcrane",
            ["scope"] = "repository:team/app:pull,push",
        });
        using var refreshed = await anonymous.PostAsync("/auth/token", form, ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = (await refreshed.Content.ReadFromJsonAsync<JsonNode>(ct))!;
        Assert.False(string.IsNullOrEmpty((string?)body["access_token"]));

        using var disable = await bed.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/users/{bob}") { Content = JsonContent.Create(new { disabled = true }) });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        using var again = await anonymous.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh! }), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);

        using var bogus = await anonymous.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }), ct);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Equal("unsupported_grant_type", (string)(await bogus.Content.ReadFromJsonAsync<JsonNode>(ct))!["error"]!);
    }
}
