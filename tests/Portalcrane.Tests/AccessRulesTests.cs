using Portalcrane.Features.Access;

namespace Portalcrane.Tests;

public sealed class AccessRulesTests
{
    private static readonly FolderRights[] Folders =
    [
        new(string.Empty, IsPublic: false, GrantPull: false, GrantPush: false),
        new("team", IsPublic: false, GrantPull: true, GrantPush: false),
        new("team/app", IsPublic: false, GrantPull: true, GrantPush: true),
        new("public", IsPublic: true, GrantPull: false, GrantPush: false),
    ];

    private static readonly Principal User = new() { UserId = 1, Name = "u", CanPull = true, CanPush = true };

    [Theory]
    [InlineData("team/app/web", true, true)]
    [InlineData("team/application", true, false)]
    [InlineData("team/other", true, false)]
    [InlineData("team", false, false)]
    [InlineData("teamx/app", false, false)]
    [InlineData("public/x", true, false)]
    [InlineData("root", false, false)]
    public void The_longest_matching_folder_decides(string repository, bool pull, bool push) =>
        Assert.Equal(new Rights(pull, push), new AccessRules(User, Folders).Decide(repository));

    [Fact]
    public void Global_flags_and_token_scopes_cap_what_grants_give()
    {
        var noPush = User with { CanPush = false };
        Assert.Equal(new Rights(true, false), new AccessRules(noPush, Folders).Decide("team/app/web"));
        var pullToken = User with { Cap = new Rights(true, false) };
        Assert.Equal(new Rights(true, false), new AccessRules(pullToken, Folders).Decide("team/app/web"));
        var admin = new Principal { UserId = 2, Name = "a", IsAdmin = true, Cap = new Rights(true, false) };
        Assert.Equal(new Rights(true, false), new AccessRules(admin, Folders).Decide("root"));
    }

    [Fact]
    public void Anonymous_callers_pull_public_folders_only() =>
        Assert.Equal(
            [new Rights(true, false), Rights.None],
            new[] { "public/x", "team/app/web" }.Select(new AccessRules(Principal.Anonymous, Folders).Decide));
}
