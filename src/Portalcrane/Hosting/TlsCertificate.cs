using System.Security.Cryptography.X509Certificates;

namespace Portalcrane.Hosting;

/// <summary>The server certificate from TLS_CERT_PATH (PEM or PKCS#12), TLS_KEY_PATH and TLS_CERT_PASSWORD.</summary>
public static class TlsCertificate
{
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        if (configuration["TLS_CERT_PATH"] is not { Length: > 0 } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"TLS_CERT_PATH names {path}, which does not exist");
        }

        var password = configuration["TLS_CERT_PASSWORD"];
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pfx" or ".p12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }

        var key = configuration["TLS_KEY_PATH"] is { Length: > 0 } keyPath ? keyPath : null;
        var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, key)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, key);

        // An ephemeral key from PEM is not usable by the TLS stack on every platform: re-import it.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
