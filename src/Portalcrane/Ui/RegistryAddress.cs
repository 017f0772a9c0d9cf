using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Portalcrane.Features.RegistryAuth;

namespace Portalcrane.Ui;

/// <summary>
/// The registry's address as clients write it in image references (<c>host:port</c>): from
/// PUBLIC_URL when set (behind a reverse proxy), else the address the browser used.
/// </summary>
public sealed class RegistryAddress(IOptions<RegistryAuthOptions> options, NavigationManager navigation)
{
    public string Host
    {
        get
        {
            var url = options.Value.PublicUrl is { Length: > 0 } configured ? configured : navigation.BaseUri;
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : url.TrimEnd('/');
        }
    }

    public string PullCommand(string repository, string tag) => $"docker pull {Host}/{repository}:{tag}";
}
