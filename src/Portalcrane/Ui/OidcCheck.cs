using System.Text.Json;
using Portalcrane.Features.Oidc;

namespace Portalcrane.Ui;

public sealed record OidcCheckResult(bool Ok, string Message, IReadOnlyList<string> Details);

/// <summary>Fetches the provider's discovery document and checks what sign-in needs is there.</summary>
public sealed class OidcCheck(IHttpClientFactory clients, OidcOptions options)
{
    public const string HttpClientName = "oidc-check";

    public async Task<OidcCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled || string.IsNullOrEmpty(options.Issuer))
        {
            return new OidcCheckResult(false, "Single sign-on is not configured (OIDC_ENABLED, OIDC_ISSUER).", []);
        }

        var url = options.Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new OidcCheckResult(false, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", []);
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var issuer = Text("issuer");
            var details = new List<string>
            {
                $"issuer: {issuer}",
                $"authorization endpoint: {Text("authorization_endpoint")}",
                $"token endpoint: {Text("token_endpoint")}",
                $"keys: {Text("jwks_uri")}",
            };
            if (!string.Equals(issuer?.TrimEnd('/'), options.Issuer.TrimEnd('/'), StringComparison.Ordinal))
            {
                return new OidcCheckResult(false, $"The provider calls itself {issuer}, not {options.Issuer}: tokens would be refused.", details);
            }

            return Text("authorization_endpoint") is null || Text("token_endpoint") is null || Text("jwks_uri") is null
                ? new OidcCheckResult(false, "The discovery document lacks an endpoint sign-in needs.", details)
                : new OidcCheckResult(true, "The provider answers and its discovery document is complete.", details);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new OidcCheckResult(false, $"{url} cannot be reached: {e.Message}", []);
        }
    }
}
