using MudBlazor.Services;
using Portalcrane.Features.Dashboard;
using Portalcrane.Features.Images;

namespace Portalcrane.Ui;

/// <summary>The web UI: Blazor with interactive server rendering and MudBlazor, in the same process.</summary>
public static class UiSetup
{
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        // Outside a published folder (dotnet run, tests) the assets of packages are found through the build manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<UiSession>();
        builder.Services.AddScoped<RegistryAddress>();
        builder.Services.AddScoped<ImageCatalog>();
        builder.Services.AddScoped<DashboardService>();
        builder.Services.AddSingleton<ReleaseCheck>();
        builder.Services.AddScoped<OidcCheck>();
        builder.Services.AddHttpClient(ReleaseCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddHttpClient(OidcCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddOptions<ReleaseCheckOptions>().Configure<IConfiguration>((o, c) =>
        {
            o.Url = c["RELEASE_CHECK_URL"] ?? o.Url;
            o.Enabled = !string.Equals(c["RELEASE_CHECK_ENABLED"], "false", StringComparison.OrdinalIgnoreCase);
        });
        return builder;
    }

    /// <summary>
    /// The UI's circuit (/_blazor: negotiate and WebSocket) answers only pages of this site: a
    /// browser sends the session cookie to any same-site origin (another port, a sibling
    /// subdomain), and WebSockets know no CORS, so the Origin header is checked here.
    /// </summary>
    public static WebApplication UseUiOriginCheck(this WebApplication app)
    {
        var publicUrl = app.Configuration["PUBLIC_URL"];
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_blazor")
                && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !SameOrigin(origin, context.Request, publicUrl))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool SameOrigin(string origin, HttpRequest request, string? publicUrl)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from))
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(from.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(publicUrl, UriKind.Absolute, out var configured)
                && string.Equals(from.GetLeftPart(UriPartial.Authority), configured.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }

    public static WebApplication MapUi(this WebApplication app)
    {
        // What the About page shows, for scripts too: the version and the release check's answer.
        app.MapGet("/api/about", async (ReleaseCheck releases, CancellationToken ct) => TypedResults.Ok(await releases.GetAsync(ct)))
            .RequireAuthorization(Portalcrane.Features.Api.ApiAuthenticationHandler.UserPolicy);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
