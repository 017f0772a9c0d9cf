namespace Portalcrane.Hosting;

/// <summary>Process-wide settings: listen address, data folder, log level, server limits.</summary>
public static class HostingExtensions
{
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>The default address when a TLS certificate is configured.</summary>
    public const string DefaultTlsUrl = "https://localhost:8443";

    /// <summary>The data folder: <c>DATA_DIR</c>, else <c>data/</c> in the working directory.</summary>
    public static string GetDataDirectory(this IConfiguration configuration) =>
        Path.GetFullPath(configuration["DATA_DIR"] is { Length: > 0 } dir ? dir : "data");

    public static WebApplicationBuilder AddPortalcraneHosting(this WebApplicationBuilder builder)
    {
        // TLS straight from Kestrel for those who expose Portalcrane without a reverse proxy: a PEM
        // certificate (TLS_CERT_PATH, with TLS_KEY_PATH unless the key is in the same file) or a
        // PKCS#12 file (with TLS_CERT_PASSWORD). It serves every https:// address.
        var certificate = TlsCertificate.Load(builder.Configuration);
        var defaultUrl = certificate is null ? DefaultUrl : DefaultTlsUrl;

        // --urls and ASPNETCORE_URLS win; without them Portalcrane listens where the README says.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        if (string.Equals(builder.Configuration["LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }

        if (Enum.TryParse<LogLevel>(builder.Configuration["LOG_LEVEL"], ignoreCase: true, out var level))
        {
            builder.Configuration["Logging:LogLevel:Default"] = level.ToString();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });

        // Kestrel's buffers in 64 KiB blocks: a blob upload takes 16 times fewer receive calls.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/readyz", ReadinessAsync);
        return app;
    }

    /// <summary>Ready when the database answers and the data folder takes a write: 200 "ready", else 503 naming what failed.</summary>
    private static async Task<IResult> ReadinessAsync(Portalcrane.Features.Data.PortalcraneDbContext db, Portalcrane.Registry.Storage.RegistryPaths paths, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                failures.Add("database: cannot connect");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add($"database: {e.GetType().Name}");
        }

        var probe = Path.Combine(paths.Uploads, $".ready-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures.Add($"storage: {e.GetType().Name}");
        }

        return failures.Count == 0
            ? TypedResults.Text("ready")
            : TypedResults.Text(string.Join('\n', failures), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
