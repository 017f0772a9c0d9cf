namespace Portalcrane.Hosting;

/// <summary>
/// <c>dotnet Portalcrane.dll healthcheck</c>: asks the running server's <c>/healthz</c> on this
/// machine and exits 0 when it answers, 1 otherwise (the container image's HEALTHCHECK, which has
/// no curl). The address comes from ASPNETCORE_URLS (its first entry), else the default.
/// </summary>
public static class HealthCheckCommand
{
    public static bool IsRequested(string[] args) => args is ["healthcheck", ..];

    public static async Task<int> RunAsync()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } configured ? configured : HostingExtensions.DefaultUrl;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];

        // Wildcard listen addresses are reached on loopback.
        var target = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        using var handler = new HttpClientHandler
        {
            // The probe talks to this very process: its own certificate needs no chain.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            UseProxy = false,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(target.TrimEnd('/') + "/"), "healthz"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {target}/healthz: {e.Message}");
            return 1;
        }
    }
}
