using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Portalcrane.Ui;

public sealed class ReleaseCheckOptions
{
    /// <summary>Answers like GitHub's "latest release" API: a JSON object with <c>tag_name</c> and <c>html_url</c>.</summary>
    public string Url { get; set; } = "https://api.github.com/repos/portalcrane/portalcrane/releases/latest";

    public bool Enabled { get; set; } = true;
}

public sealed record ReleaseStatus(string Current, string? Latest, string? Url, bool UpdateAvailable, string Message);

/// <summary>
/// Asks the release URL (RELEASE_CHECK_URL) for the latest version, at most every few hours; a
/// failure (offline, proxy, rate limit) is an answer too, cached for minutes, and never an exception.
/// </summary>
public sealed class ReleaseCheck(IHttpClientFactory clients, IOptions<ReleaseCheckOptions> options, TimeProvider time, ILogger<ReleaseCheck> logger)
{
    public const string HttpClientName = "release-check";
    private static readonly TimeSpan Fresh = TimeSpan.FromHours(6);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ReleaseStatus Status, DateTimeOffset Until)? _cached;

    public static string CurrentVersion { get; } =
        typeof(ReleaseCheck).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<ReleaseStatus> GetAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return new ReleaseStatus(CurrentVersion, null, null, false, "The release check is turned off (RELEASE_CHECK_ENABLED=false).");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && cached.Until > time.GetUtcNow())
            {
                return cached.Status;
            }

            var status = await FetchAsync(cancellationToken);
            _cached = (status, time.GetUtcNow() + (status.Latest is null ? AfterFailure : Fresh));
            return status;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ReleaseStatus> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, options.Value.Url);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Portalcrane", CurrentVersion));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Unknown($"The release server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var tag = json.RootElement.TryGetProperty("tag_name", out var t) ? t.GetString() : null;
            var url = json.RootElement.TryGetProperty("html_url", out var u) ? u.GetString() : null;
            if (string.IsNullOrWhiteSpace(tag))
            {
                return Unknown("The release server's answer names no version.");
            }

            var latest = tag.TrimStart('v', 'V');
            var newer = Version.TryParse(latest, out var l) && Version.TryParse(CurrentVersion, out var c) && l > c;
            return new ReleaseStatus(CurrentVersion, latest, url, newer, newer ? $"Version {latest} is available." : "This is the latest version.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            LogFailed(logger, e.Message);
            return Unknown("The release server cannot be reached (offline, or a proxy in the way: see HTTPS_PROXY).");
        }
    }

    private static ReleaseStatus Unknown(string message) => new(CurrentVersion, null, null, false, message);

    private static void LogFailed(ILogger logger, string message) =>
        logger.LogInformation("Release check failed: {Message}", message);
}
