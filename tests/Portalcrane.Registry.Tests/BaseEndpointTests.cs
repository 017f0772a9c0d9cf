using System.Net;

namespace Portalcrane.Registry.Tests;

public sealed class BaseEndpointTests
{
    [Fact]
    public async Task Version_check_answers_200_with_the_api_version_header()
    {
        await using var server = await RegistryServer.StartAsync();
        using var response = await server.Client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", Assert.Single(response.Headers.GetValues("Docker-Distribution-API-Version")));
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v2/Upper/tags/list")]
    [InlineData("/v2/a%2F..%2F..%2Fetc/tags/list")]
    [InlineData("/v2/team//app/manifests/latest")]
    [InlineData("/v2/.hidden/blobs/uploads/")]
    public async Task Invalid_repository_names_are_refused_with_NAME_INVALID(string path)
    {
        await using var server = await RegistryServer.StartAsync();
        using var response = await server.Client.SendAsync(new HttpRequestMessage(path.EndsWith("uploads/", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path));
        await OciAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Unknown_endpoints_and_methods_answer_in_the_oci_envelope()
    {
        await using var server = await RegistryServer.StartAsync();
        using var unknown = await server.Client.GetAsync("/v2/app/nothing/here");
        await OciAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, "UNSUPPORTED");

        using var method = await server.Client.PostAsync("/v2/app/manifests/latest", new ByteArrayContent([]));
        await OciAssert.ErrorAsync(method, HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
    }
}
