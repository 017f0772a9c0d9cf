using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Portalcrane.EndToEnd.Tests.Http;

/// <summary>
/// The client side of a blob upload session, spoken over plain HTTP as registry clients do.
/// https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pushing-blobs
/// </summary>
public sealed class UploadSession(HttpClient http, Uri location)
{
    public Uri Location { get; } = location;

    /// <summary>POST /v2/&lt;name&gt;/blobs/uploads/: opens a session (202 with a Location).</summary>
    public static async Task<UploadSession> StartAsync(HttpClient http, string repository, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"/v2/{repository}/blobs/uploads/", content: null, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location;
        Assert.NotNull(location);
        return new UploadSession(http, location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location));
    }

    /// <summary>GET on the session: the status code and the <c>Range</c> header (<c>0-&lt;last byte held&gt;</c>).</summary>
    public async Task<(HttpStatusCode Status, string? Range)> GetStatusAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Location, cancellationToken);
        return (response.StatusCode, response.Headers.NonValidated.TryGetValues("Range", out var range) ? range.ToString() : null);
    }

    /// <summary>The number of bytes the session holds, read from the Range header of a 204 status answer.</summary>
    public async Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        var (status, range) = await GetStatusAsync(cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.NotNull(range);
        Assert.StartsWith("0-", range, StringComparison.Ordinal);
        return long.Parse(range.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>
    /// PATCH bytes onto the session. With <paramref name="rangeStart"/> it is a chunk carrying the
    /// spec's <c>Content-Range: start-end</c>; without, a streamed upload.
    /// </summary>
    public Task<HttpResponseMessage> PatchAsync(HttpContent body, long? rangeStart, CancellationToken cancellationToken)
    {
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (rangeStart is { } start && body.Headers.ContentLength is { } length)
        {
            body.Headers.TryAddWithoutValidation("Content-Range", string.Create(CultureInfo.InvariantCulture, $"{start}-{start + length - 1}"));
        }

        return http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, Location) { Content = body }, cancellationToken);
    }

    /// <summary>PUT <c>?digest=</c> with no body: closes the session and asks the registry to verify and store the blob.</summary>
    public Task<HttpResponseMessage> FinishAsync(string digest, CancellationToken cancellationToken)
    {
        var separator = Location.Query.Length > 0 ? '&' : '?';
        var url = new Uri($"{Location}{separator}digest={Uri.EscapeDataString(digest)}");
        return http.PutAsync(url, new ByteArrayContent([]), cancellationToken);
    }
}
