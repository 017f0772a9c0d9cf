using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>
/// The ES256 key that signs registry tokens, generated on first start into
/// <c>DATA_DIR/keys/token-signing-key.pem</c> (readable by the owner only) and kept across restarts.
/// </summary>
public sealed class SigningKey
{
    public SigningKey(string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, "keys");
        var path = Path.Combine(directory, "token-signing-key.pem");
        var ecdsa = ECDsa.Create();
        if (File.Exists(path))
        {
            ecdsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            Directory.CreateDirectory(directory);
            ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
            var temp = path + ".tmp";
            File.WriteAllText(temp, ecdsa.ExportECPrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, path, overwrite: true);
        }

        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16];
        Key = new ECDsaSecurityKey(ecdsa) { KeyId = keyId };
    }

    public ECDsaSecurityKey Key { get; }
}
