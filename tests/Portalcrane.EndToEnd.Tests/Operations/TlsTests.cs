using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Operations;

/// <summary>TLS on Kestrel from a certificate path (TLS_CERT_PATH, TLS_KEY_PATH), verified by real clients.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Portalcrane_serves_https_with_the_configured_certificate_and_skopeo_verifies_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();
        var certs = folder.CreateDirectory("certs");
        var cert = Path.Combine(certs, "ca.crt");
        var key = Path.Combine(folder.Path, "server.key");
        var openssl = await ExternalCommand.TryRunAsync("openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
            new Dictionary<string, string>(), ct);
        Assert.True(openssl.ExitCode == 0, openssl.ToString());

        var tlsPort = FreePort.Next();
        using var server = await PortalcraneProcess.StartAsync(folder.CreateDirectory("data"),
            new Dictionary<string, string> { ["REGISTRY_PROXY_AUTH_ENABLED"] = "false", ["TLS_CERT_PATH"] = cert, ["TLS_KEY_PATH"] = key },
            ct, extraUrl: $"https://127.0.0.1:{tlsPort}");

        // An HTTPS client that trusts only this certificate gets through, and sees it.
        var expected = X509CertificateLoader.LoadCertificateFromFile(cert);
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                presented = certificate is null ? null : new X509Certificate2(certificate);
                return errors == SslPolicyErrors.None || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate?.Thumbprint == expected.Thumbprint);
            },
        };
        using var https = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{tlsPort}/") };
        // The plain address the process waits on may answer a moment before the https one is bound.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                using var probe = await https.GetAsync("/healthz", ct);
                break;
            }
            catch (HttpRequestException) when (attempt < 49)
            {
                await Task.Delay(100, ct);
            }
        }

        Assert.Equal("ok", await https.GetStringAsync("/healthz", ct));
        Assert.Equal(expected.Thumbprint, presented!.Thumbprint);

        // skopeo with TLS verification on, trusting the certificate from a cert dir, pushes and pulls.
        var skopeo = new Skopeo(folder.CreateDirectory("skopeo"));
        var source = OciLayout.Create(folder.Combine("source"));
        var image = TestImages.WriteImage(source, "latest");
        var push = await skopeo.TryRunAsync(["copy", "--dest-cert-dir", certs, source.Reference("latest"), $"docker://127.0.0.1:{tlsPort}/secure/app:1.0"], ct);
        Assert.True(push.ExitCode == 0, push.ToString());
        var inspect = await skopeo.TryRunAsync(["inspect", "--raw", "--cert-dir", certs, $"docker://127.0.0.1:{tlsPort}/secure/app:1.0"], ct);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        Assert.Equal(image.Manifest.Digest, Sha256.Digest(System.Text.Encoding.UTF8.GetBytes(inspect.StandardOutput)));

        // Without the certificate, verification fails: the connection really is TLS with this certificate.
        var refused = await skopeo.TryRunAsync(["inspect", "--raw", $"docker://127.0.0.1:{tlsPort}/secure/app:1.0"], ct);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("certificate", refused.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
