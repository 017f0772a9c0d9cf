using System.Net;
using System.Text.Json;

namespace Portalcrane.Registry.Tests;

/// <summary>Assertions on the OCI error envelope.</summary>
public static class OciAssert
{
    public static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        if (response.RequestMessage?.Method == HttpMethod.Head)
        {
            return;
        }

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
