using Portalcrane.Oci;

namespace Portalcrane.Oci.Tests;

public sealed class RepositoryNameTests
{
    [Theory]
    [InlineData("app")]
    [InlineData("team/app")]
    [InlineData("a/b/c/d")]
    [InlineData("my-app")]
    [InlineData("my--app")]
    [InlineData("my_app")]
    [InlineData("my__app")]
    [InlineData("my.app")]
    [InlineData("0")]
    [InlineData("team/manifests/latest")]
    public void Accepts_the_spec_grammar(string name) => Assert.True(RepositoryName.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData("App")]
    [InlineData("/app")]
    [InlineData("app/")]
    [InlineData("team//app")]
    [InlineData("../etc")]
    [InlineData("team/../../etc")]
    [InlineData("team/./app")]
    [InlineData(".app")]
    [InlineData("app.")]
    [InlineData("my___app")]
    [InlineData("my._app")]
    [InlineData("team\\app")]
    [InlineData("app:latest")]
    [InlineData("app%2fx")]
    [InlineData("_catalog")]
    public void Refuses_everything_else(string name) => Assert.False(RepositoryName.IsValid(name));

    [Fact]
    public void Refuses_names_longer_than_255() =>
        Assert.False(RepositoryName.IsValid(new string('a', 256)));
}
