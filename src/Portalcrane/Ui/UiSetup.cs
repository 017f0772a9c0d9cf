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
