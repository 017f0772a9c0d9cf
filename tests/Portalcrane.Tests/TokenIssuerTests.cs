using System.Text;
using Microsoft.Extensions.Options;
using Portalcrane.Features.Access;
using Portalcrane.Features.RegistryAuth;

namespace Portalcrane.Tests;

public sealed class TokenIssuerTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("portalcrane-unit-");
    private readonly ManualClock _clock = new();

    private TokenIssuer Issuer(string service = "portalcrane", string? data = null) =>
        new(new SigningKey(data ?? _data.FullName), Options.Create(new RegistryAuthOptions { Service = service, TokenLifetime = TimeSpan.FromMinutes(5) }), _clock);

    private static readonly TokenAccess[] Pull = [new(TokenAccess.Repository, "team/app", ["pull"])];

    private static readonly Principal Alice = new() { UserId = 7, Name = "alice", CanPull = true };

    [Fact]
    public async Task A_fresh_token_validates_with_its_grants()
    {
        var issuer = Issuer();
        var token = await issuer.ValidateAsync(issuer.Issue(Alice, Pull).Token);
        Assert.NotNull(token);
        Assert.Equal("alice", token.Subject);
        Assert.Equal(7, token.UserId);
        Assert.True(token.Allows("team/app", "pull"));
        Assert.False(token.Allows("team/app", "push"));
        Assert.False(token.Allows("team/other", "pull"));
    }

    [Fact]
    public async Task Tokens_expire_after_their_lifetime()
    {
        var issuer = Issuer();
        var jwt = issuer.Issue(Alice, Pull).Token;
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(await issuer.ValidateAsync(jwt));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await issuer.ValidateAsync(jwt));
    }

    [Fact]
    public async Task Tokens_for_another_service_or_signed_with_another_key_are_refused()
    {
        var jwt = Issuer(service: "elsewhere").Issue(Alice, Pull).Token;
        Assert.Null(await Issuer().ValidateAsync(jwt));

        var otherData = Directory.CreateTempSubdirectory("portalcrane-unit-");
        try
        {
            var foreign = Issuer(data: otherData.FullName).Issue(Alice, Pull).Token;
            Assert.Null(await Issuer().ValidateAsync(foreign));
        }
        finally
        {
            otherData.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Unsigned_tokens_are_refused()
    {
        var jwt = Issuer().Issue(Alice, Pull).Token.Split('.');
        var none = $"{Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}""")).TrimEnd('=')}.{jwt[1]}.";
        Assert.Null(await Issuer().ValidateAsync(none));
        Assert.Null(await Issuer().ValidateAsync("not-a-jwt"));
    }

    [Fact]
    public void The_signing_key_survives_a_restart()
    {
        Assert.Equal(new SigningKey(_data.FullName).Key.KeyId, new SigningKey(_data.FullName).Key.KeyId);
        var file = new FileInfo(Path.Combine(_data.FullName, "keys", "token-signing-key.pem"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, file.UnixFileMode);
    }

    public void Dispose() => _data.Delete(recursive: true);
}
