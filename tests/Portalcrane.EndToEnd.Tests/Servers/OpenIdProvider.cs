using System.Diagnostics;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>
/// A real OpenID provider (npm <c>oidc-provider</c>, installed by the test command into
/// tests/oidc-provider) on a loopback port, with one confidential client for Portalcrane.
/// </summary>
public sealed class OpenIdProvider : IDisposable
{
    public const string ClientId = "portalcrane";
    public const string ClientSecret = "test-client-secret-that-is-long-enough";

    private readonly ServerProcess _process;

    private OpenIdProvider(ServerProcess process, int port, string redirectUri)
    {
        _process = process;
        Issuer = $"http://127.0.0.1:{port}";
        RedirectUri = redirectUri;
    }

    public string Issuer { get; }

    public string RedirectUri { get; }

    /// <summary>Portalcrane's settings for signing in with this provider (its "registry-admins" group makes administrators).</summary>
    public Dictionary<string, string> PortalcraneEnvironment(bool oidcOnly) => new()
    {
        ["OIDC_ENABLED"] = "true",
        ["OIDC_ISSUER"] = Issuer,
        ["OIDC_CLIENT_ID"] = ClientId,
        ["OIDC_CLIENT_SECRET"] = ClientSecret,
        ["OIDC_REDIRECT_URI"] = RedirectUri,
        ["OIDC_REQUIRE_HTTPS_METADATA"] = "false",
        ["OIDC_ADMIN_GROUPS"] = "registry-admins",
        ["OIDC_ONLY"] = oidcOnly ? "true" : "false",
    };

    public static async Task<OpenIdProvider> StartAsync(string redirectUri, string postLogoutRedirectUri, CancellationToken cancellationToken)
    {
        var folder = FindProviderFolder();
        var port = FreePort.Next();
        var info = new ProcessStartInfo("node") { WorkingDirectory = folder };
        foreach (var argument in new[] { Path.Combine(folder, "provider.js"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), ClientId, ClientSecret, redirectUri, postLogoutRedirectUri })
        {
            info.ArgumentList.Add(argument);
        }

        var provider = new OpenIdProvider(ServerProcess.Start(info, new ProcessLog(), "oidc-provider"), port, redirectUri);
        try
        {
            await provider._process.WaitUntilReadyAsync(new Uri($"{provider.Issuer}/.well-known/openid-configuration"), cancellationToken);
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public void Dispose() => _process.Dispose();

    private static string FindProviderFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "oidc-provider");
            if (File.Exists(Path.Combine(candidate, "node_modules", "oidc-provider", "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/oidc-provider/node_modules is missing: run scripts/test.sh, which installs it with npm ci");
    }
}
