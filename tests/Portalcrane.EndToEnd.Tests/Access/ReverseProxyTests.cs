using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Access;

/// <summary>Forwarded headers count only when they come from a configured proxy.</summary>
public sealed class ReverseProxyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forwarded_headers_shape_the_realm_and_the_audited_address_only_from_trusted_proxies(bool trusted)
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct, trusted ? new() { ["TRUSTED_PROXIES"] = "127.0.0.1" } : null);
        using var http = bed.Bed.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/token");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "registry.example.com");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:wrong"u8.ToArray()));
        using var failed = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);

        using var ping = new HttpRequestMessage(HttpMethod.Get, "/v2/");
        ping.Headers.Add("X-Forwarded-Proto", "https");
        ping.Headers.Add("X-Forwarded-Host", "registry.example.com");
        using var challenge = await http.SendAsync(ping, ct);
        var realm = challenge.Headers.WwwAuthenticate.Single().Parameter!;
        Assert.Contains(trusted ? "realm=\"https://registry.example.com/auth/token\"" : $"realm=\"http://{bed.Bed.Server.Host}/auth/token\"", realm, StringComparison.Ordinal);

        JsonArray items = [];
        for (var attempt = 0; attempt < 50 && items.Count == 0; attempt++)
        {
            using var audit = await bed.Admin.GetAsync("/api/audit?action=login&actor=admin");
            items = (await audit.Content.ReadFromJsonAsync<JsonNode>(ct))!["items"]!.AsArray();
            await Task.Delay(50, ct);
        }

        Assert.Equal(trusted ? "203.0.113.9" : "127.0.0.1", (string)items.First(i => !(bool)i!["success"]!)!["clientAddress"]!);
    }
}
