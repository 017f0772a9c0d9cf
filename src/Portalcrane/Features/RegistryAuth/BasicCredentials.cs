using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Portalcrane.Features.RegistryAuth;

/// <summary>An <c>Authorization: Basic</c> header, decoded.</summary>
public sealed record BasicCredentials(string Username, string Secret)
{
    public static bool TryParse(StringValues header, [NotNullWhen(true)] out BasicCredentials? credentials)
    {
        credentials = null;
        var value = header.ToString();
        if (!value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            credentials = new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
