using System.Net;
using Portalcrane.EndToEnd.Tests.Access;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>The UI's circuit refuses pages of other origins, even same-site ones that carry the session cookie.</summary>
public sealed class CircuitOriginTests
{
    [Fact]
    public async Task The_circuit_answers_its_own_pages_only()
    {
        var ct = TestContext.Current.CancellationToken;
        using var access = await AccessBed.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = access.Bed.Server.BaseAddress };

        async Task<HttpStatusCode> NegotiateAsync(string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            using var response = await http.SendAsync(request, ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("http://127.0.0.1:1"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("https://attacker.example"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync($"http://{access.Bed.Server.Host}"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(null));
    }
}
