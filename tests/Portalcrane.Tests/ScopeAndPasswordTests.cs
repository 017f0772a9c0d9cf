using Portalcrane.Features.Identity;
using Portalcrane.Features.RegistryAuth;

namespace Portalcrane.Tests;

public sealed class ScopeAndPasswordTests
{
    [Theory]
    [InlineData("repository:team/app:pull,push", "repository", "team/app", "pull,push")]
    [InlineData("repository(plugin):team/app:pull", "repository", "team/app", "pull")]
    [InlineData("repository:localhost:5000/app:*", "repository", "localhost:5000/app", "*")]
    [InlineData("registry:catalog:*", "registry", "catalog", "*")]
    public void Parses_docker_scopes(string scope, string type, string name, string actions)
    {
        Assert.True(TokenAccess.TryParseScope(scope, out var access));
        Assert.Equal(type, access.Type);
        Assert.Equal(name, access.Name);
        Assert.Equal(actions, string.Join(',', access.Actions));
    }

    [Theory]
    [InlineData("repository")]
    [InlineData("repository:app")]
    [InlineData(":app:pull")]
    public void Refuses_malformed_scopes(string scope) => Assert.False(TokenAccess.TryParseScope(scope, out _));

    [Fact]
    public void Passwords_verify_only_against_their_own_hash()
    {
        var hash = PasswordHasher.Hash("s3cret-password");
        Assert.StartsWith("pbkdf2-sha512$100000$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", hash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("s3cret-password", hash));
        Assert.False(PasswordHasher.Verify("s3cret-passworD", hash));
        Assert.NotEqual(hash, PasswordHasher.Hash("s3cret-password"));
        Assert.False(PasswordHasher.Verify("x", "garbage"));
        Assert.False(PasswordHasher.Verify("x", "pbkdf2-sha512$1$AAAA$AAAA"));
    }
}
