namespace Portalcrane.Hosting;

/// <summary>Process-wide settings: listen address, data folder, log level, server limits.</summary>
public static class HostingExtensions
{
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>The data folder: <c>DATA_DIR</c>, else <c>data/</c> in the working directory.</summary>
    public static string GetDataDirectory(this IConfiguration configuration) =>
        Path.GetFullPath(configuration["DATA_DIR"] is { Length: > 0 } dir ? dir : "data");

    public static WebApplicationBuilder AddPortalcraneHosting(this WebApplicationBuilder builder)
    {
        // --urls and ASPNETCORE_URLS win; without them Portalcrane listens where the README says.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (Enum.TryParse<LogLevel>(builder.Configuration["LOG_LEVEL"], ignoreCase: true, out var level))
        {
            builder.Configuration["Logging:LogLevel:Default"] = level.ToString();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
        });
        builder.WebHost.UseSockets(sockets =>
        {
            // Blob uploads are long streams: read straight into buffers instead of first
            // waiting on a zero-byte read, which halves the receive system calls.
            sockets.WaitForDataBeforeAllocatingBuffer = false;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/", () => TypedResults.Text("Portalcrane: the OCI registry answers at /v2/\n"));
        return app;
    }
}
