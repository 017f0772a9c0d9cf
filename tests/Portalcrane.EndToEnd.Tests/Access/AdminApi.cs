using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Access;

/// <summary>The management API as a script would use it, authenticated with Basic credentials.</summary>
public sealed class AdminApi(Uri baseAddress, string username, string password) : IDisposable
{
    private readonly HttpClient _http = Create(baseAddress, username, password);

    public static HttpClient Create(Uri baseAddress, string username, string secret) => new()
    {
        BaseAddress = baseAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{secret}"))) },
    };

    public async Task<long> CreateUserAsync(string name, string password, bool canPull = true, bool canPush = false, bool disabled = false)
    {
        using var response = await _http.PostAsJsonAsync("/api/users", new { username = name, password, canPull, canPush, disabled });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
    }

    public async Task<long> CreateGroupAsync(string name, params long[] members)
    {
        using var response = await _http.PostAsJsonAsync("/api/groups", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (long)(await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
        foreach (var member in members)
        {
            using var add = await _http.PutAsync($"/api/groups/{id}/members/{member}", null);
            Assert.Equal(HttpStatusCode.NoContent, add.StatusCode);
        }

        return id;
    }

    public async Task<long> CreateFolderAsync(string path, bool isPublic = false)
    {
        using var response = await _http.PostAsJsonAsync("/api/folders", new { path, isPublic });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
    }

    public async Task GrantAsync(long folderId, params object[] grants)
    {
        using var response = await _http.PutAsJsonAsync($"/api/folders/{folderId}/grants", grants);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public void Dispose() => _http.Dispose();
}
