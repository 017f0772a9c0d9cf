using System.Security.Cryptography;
using System.Text;

namespace Portalcrane.Features.Tokens;

/// <summary>
/// The server key that access-token secrets are hashed under: <c>SECRET_KEY</c> when given, else
/// a random key generated on first start into <c>DATA_DIR/keys/secret.key</c>.
/// </summary>
public sealed class ServerSecret
{
    public ServerSecret(string dataDirectory, string? secretKey)
    {
        if (!string.IsNullOrEmpty(secretKey))
        {
            Key = SHA256.HashData(Encoding.UTF8.GetBytes(secretKey));
            return;
        }

        var directory = Path.Combine(dataDirectory, "keys");
        var path = Path.Combine(directory, "secret.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, path, overwrite: true);
        }

        Key = File.ReadAllBytes(path);
    }

    public byte[] Key { get; }

    public byte[] Hash(string value) => HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(value));
}
