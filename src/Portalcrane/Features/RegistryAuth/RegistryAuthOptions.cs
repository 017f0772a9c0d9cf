namespace Portalcrane.Features.RegistryAuth;

/// <summary>How registry clients authenticate. Bound from the environment (see the README).</summary>
public sealed class RegistryAuthOptions
{
    /// <summary><c>REGISTRY_PROXY_AUTH_ENABLED</c>: false opens /v2 to anonymous full access.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The <c>service</c> of the Docker token protocol, and the audience of issued tokens.</summary>
    public string Service { get; set; } = "portalcrane";

    /// <summary>The URL clients reach Portalcrane at, when it differs from what requests show (a reverse proxy).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Lifetime of registry bearer tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
