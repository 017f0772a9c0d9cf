using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Access;

/// <summary>The Docker token service and the bearer tokens it issues, seen from a client.</summary>
public sealed class TokenAuthTests
{
    [Fact]
    public async Task Unauthenticated_clients_are_challenged_to_the_token_service()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        using var http = bed.Bed.CreateHttpClient();

        using var ping = await http.GetAsync("/v2/", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
        var challenge = ping.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains($"realm=\"http://{bed.Bed.Server.Host}/auth/token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("service=\"portalcrane\"", challenge.Parameter, StringComparison.Ordinal);

        using var pull = await http.GetAsync("/v2/team/app/manifests/latest", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, pull.StatusCode);
        Assert.Contains("scope=\"repository:team/app:pull\"", pull.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
        Assert.Contains("\"UNAUTHORIZED\"", await pull.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_grants_the_intersection_of_the_request_and_the_rules_and_nothing_tampered_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        var alice = await bed.Admin.CreateUserAsync("alice", "alice-password");
        var folder = await bed.Admin.CreateFolderAsync("production");
        await bed.Admin.GrantAsync(folder, new { userId = alice, canPull = true, canPush = true });
        Assert.Equal(0, (await bed.PushAsync($"admin:{AccessBed.AdminPassword}", "production/app", ct)).ExitCode);

        using var http = AdminApi.Create(bed.Bed.Server.BaseAddress, "alice", "alice-password");
        using var tokenResponse = await http.GetAsync("/auth/token?service=portalcrane&scope=repository:production/app:pull,push&scope=repository:team/app:pull", ct);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = (string)(await tokenResponse.Content.ReadFromJsonAsync<JsonNode>(ct))!["token"]!;
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64Url(parts[0]))!;
        var payload = JsonNode.Parse(Base64Url(parts[1]))!;
        Assert.Equal("ES256", (string)header["alg"]!);
        Assert.False(string.IsNullOrEmpty((string?)header["kid"]));
        Assert.Equal("portalcrane", (string)payload["aud"]!);
        var access = Assert.Single(payload["access"]!.AsArray());
        Assert.Equal("production/app", (string)access!["name"]!);

        // alice's account may not push (no global flag), so the token grants pull only.
        Assert.Equal(["pull"], access["actions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(bed, token, "/v2/production/app/tags/list"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bed, token, "/v2/team/app/tags/list"));

        // Tampering: a widened payload with the old signature, no signature at all, another key.
        payload["access"]![0]!["name"] = "team/app";
        var widened = $"{parts[0]}.{Encode(payload.ToJsonString())}.{parts[2]}";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bed, widened, "/v2/team/app/tags/list"));
        var none = $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(payload.ToJsonString())}.";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bed, none, "/v2/team/app/tags/list"));
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var signingInput = $"{parts[0]}.{Encode(payload.ToJsonString())}";
        var forged = $"{signingInput}.{Convert.ToBase64String(other.SignData(Encoding.ASCII.GetBytes(signingInput), System.Security.Cryptography.HashAlgorithmName.SHA256)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bed, forged, "/v2/team/app/tags/list"));

        using var wrong = AdminApi.Create(bed.Bed.Server.BaseAddress, "alice", "not-her-password");
        using var refused = await wrong.GetAsync("/auth/token?scope=repository:production/app:pull", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_pull_only_access_token_pulls_cannot_push_and_stops_working_the_moment_it_is_revoked()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        var bob = await bed.Admin.CreateUserAsync("bob", "bob-password", canPull: true, canPush: true);
        var folder = await bed.Admin.CreateFolderAsync("team");
        await bed.Admin.GrantAsync(folder, new { userId = bob, canPull = true, canPush = true });
        Assert.Equal(0, (await bed.PushAsync("bob:bob-password", "team/app", ct)).ExitCode);

        using var asBob = AdminApi.Create(bed.Bed.Server.BaseAddress, "bob", "bob-password");
        using var tooLong = await asBob.PostAsJsonAsync("/api/tokens", new { name = "forever", scopes = new[] { "pull" }, expiresAt = DateTime.UtcNow.AddYears(2) }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotNull((await tooLong.Content.ReadFromJsonAsync<JsonNode>(ct))!["errors"]!["expiresAt"]);
        using var created = await asBob.PostAsJsonAsync("/api/tokens", new { name = "ci", scopes = new[] { "pull" } }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonNode>(ct))!;
        var pat = (string)body["token"]!;
        var id = (string)body["details"]!["id"]!;
        Assert.StartsWith("pct_", pat, StringComparison.Ordinal);

        await AccessBed.ExpectAsync(bed.PullAsync($"bob:{pat}", "team/app", ct), true, "pull with a pull token");
        await AccessBed.ExpectAsync(bed.PushAsync($"bob:{pat}", "team/other", ct), false, "push with a pull-only token");

        using var patClient = AdminApi.Create(bed.Bed.Server.BaseAddress, "bob", pat);
        using var tokenResponse = await patClient.GetAsync("/auth/token?scope=repository:team/app:pull", ct);
        var bearer = (string)(await tokenResponse.Content.ReadFromJsonAsync<JsonNode>(ct))!["token"]!;
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(bed, bearer, "/v2/team/app/tags/list"));

        using var listed = await asBob.GetAsync("/api/tokens", ct);
        var tokens = (await listed.Content.ReadFromJsonAsync<JsonNode>(ct))!.AsArray();
        Assert.DoesNotContain(pat, tokens.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("ci", (string)tokens.Single()!["name"]!);

        using var revoke = await asBob.DeleteAsync($"/api/tokens/{id}", ct);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bed, bearer, "/v2/team/app/tags/list"));
        await AccessBed.ExpectAsync(bed.PullAsync($"bob:{pat}", "team/app", ct), false, "pull with a revoked token");
    }

    [Fact]
    public async Task The_api_validates_input_protects_the_built_in_admin_and_is_for_admins_only()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        await bed.Admin.CreateUserAsync("alice", "alice-password");

        using var shortPassword = await bed.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { username = "x", password = "short" }) });
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal("application/problem+json", shortPassword.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await shortPassword.Content.ReadFromJsonAsync<JsonNode>(ct))!["errors"]!["password"]);

        using var users = await bed.Admin.GetAsync("/api/users");
        var admin = (await users.Content.ReadFromJsonAsync<JsonNode>(ct))!.AsArray().Single(u => (bool)u!["isBuiltIn"]!)!;
        Assert.DoesNotContain("pbkdf2", await users.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        using var change = await bed.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/users/{(long)admin["id"]!}") { Content = JsonContent.Create(new { disabled = true }) });
        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        using var delete = await bed.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/users/{(long)admin["id"]!}"));
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);

        using var asAlice = AdminApi.Create(bed.Bed.Server.BaseAddress, "alice", "alice-password");
        using var wrongCurrent = await asAlice.PutAsJsonAsync("/api/auth/password", new { currentPassword = "nope", newPassword = "alice-new-password" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        using var changed = await asAlice.PutAsJsonAsync("/api/auth/password", new { currentPassword = "alice-password", newPassword = "alice-new-password" }, ct);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var oldPassword = await asAlice.GetAsync("/api/auth/me", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        using var asNewAlice = AdminApi.Create(bed.Bed.Server.BaseAddress, "alice", "alice-new-password");
        using var forbidden = await asNewAlice.GetAsync("/api/users", ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var me = await asNewAlice.GetAsync("/api/auth/me", ct);
        Assert.Equal("alice", (string)(await me.Content.ReadFromJsonAsync<JsonNode>(ct))!["username"]!);

        using var anonymous = bed.Bed.CreateHttpClient();
        using var unauthorized = await anonymous.GetAsync("/api/users", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Without_ADMIN_PASSWORD_a_generated_password_is_printed_once_and_works()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await Servers.PortalcraneTestBed.StartAsync(new Dictionary<string, string>(), ct);
        var match = System.Text.RegularExpressions.Regex.Match(bed.Server.Log, "built-in administrator 'admin': (\\S+) ");
        Assert.True(match.Success, bed.Server.Log);
        var password = match.Groups[1].Value;

        await bed.Server.RestartAsync(ct);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(bed.Server.Log, "generated a password"));
        using var admin = AdminApi.Create(bed.Server.BaseAddress, "admin", password);
        using var me = await admin.GetAsync("/api/auth/me", ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusWithAsync(AccessBed bed, string token, string path)
    {
        using var http = bed.Bed.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(path);
        return response.StatusCode;
    }

    private static string Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
