using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portalcrane.Hosting;

/// <summary>
/// Behind a reverse proxy: <c>X-Forwarded-For/-Proto/-Host</c> are believed only from the
/// addresses and networks in <c>TRUSTED_PROXIES</c> (comma-separated, e.g. <c>10.0.0.2,10.1.0.0/16</c>).
/// Without it no forwarded header is believed, not even from loopback.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["TRUSTED_PROXIES"];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in (configured ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
        return builder;
    }

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration["TRUSTED_PROXIES"]))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
