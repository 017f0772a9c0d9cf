using Portalcrane.Registry.Endpoints;

namespace Portalcrane.Registry.Tests;

public sealed class RegistryRouteTests
{
    [Theory]
    [InlineData("app/tags/list", "Tags", "app", "")]
    [InlineData("team/app/manifests/latest", "Manifest", "team/app", "latest")]
    [InlineData("a/manifests/b/manifests/v1", "Manifest", "a/manifests/b", "v1")]
    [InlineData("app/blobs/sha256:abc", "Blob", "app", "sha256:abc")]
    [InlineData("app/blobs/uploads/", "UploadStart", "app", "")]
    [InlineData("app/blobs/uploads", "UploadStart", "app", "")]
    [InlineData("app/blobs/uploads/0123abcd", "Upload", "app", "0123abcd")]
    [InlineData("x/blobs/blobs/uploads/id", "Upload", "x/blobs", "id")]
    [InlineData("app/referrers/sha256:abc", "Referrers", "app", "sha256:abc")]
    public void Splits_name_and_operation_from_the_right(string path, string kind, string name, string argument)
    {
        Assert.True(RegistryRoute.TryParse(path, out var route));
        Assert.Equal(kind, route.Value.Kind.ToString());
        Assert.Equal(name, route.Value.Name);
        Assert.Equal(argument, route.Value.Argument);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("app/tags")]
    [InlineData("app/whatever/x")]
    public void Refuses_unknown_paths(string path) => Assert.False(RegistryRoute.TryParse(path, out _));
}
