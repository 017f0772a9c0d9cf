using System.Net;
using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Access;

/// <summary>Who may pull and push where, exercised with skopeo as each kind of user.</summary>
public sealed class PermissionMatrixTests
{
    private const string Admin = $"admin:{AccessBed.AdminPassword}";

    [Fact]
    public async Task Folder_grants_users_groups_disabled_accounts_and_anonymous_access_hold_with_a_real_client()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        var api = bed.Admin;

        var alice = await api.CreateUserAsync("alice", "alice-password", canPull: true);
        var bob = await api.CreateUserAsync("bob", "bob-password", canPull: true, canPush: true);
        var carol = await api.CreateUserAsync("carol", "carol-password", canPull: true, canPush: true);
        await api.CreateUserAsync("dave", "dave-password", canPull: true, canPush: true, disabled: true);
        var erin = await api.CreateUserAsync("erin", "erin-password", canPull: false, canPush: false);
        var team = await api.CreateGroupAsync("team-readers", carol);

        var production = await api.CreateFolderAsync("production");
        var teamFolder = await api.CreateFolderAsync("team");
        await api.CreateFolderAsync("public", isPublic: true);
        await api.GrantAsync(production, new { userId = alice, canPull = true, canPush = false }, new { userId = erin, canPull = true, canPush = true });
        await api.GrantAsync(teamFolder, new { userId = bob, canPull = true, canPush = true }, new { groupId = team, canPull = true, canPush = false });

        // The admin may do everything; seed one image per folder and one at the root.
        foreach (var repository in new[] { "production/app", "team/app", "public/app", "rootapp" })
        {
            var pushed = await bed.PushAsync(Admin, repository, ct);
            Assert.True(pushed.ExitCode == 0, $"admin push to {repository} failed\n{pushed}");
        }

        await AccessBed.ExpectAsync(bed.PullAsync(Admin, "team/app", ct), true, "admin pulls anything");

        // alice: pull on production only, and no push flag.
        await AccessBed.ExpectAsync(bed.PullAsync("alice:alice-password", "production/app", ct), true, "alice pulls production");
        await AccessBed.ExpectAsync(bed.PullAsync("alice:alice-password", "team/app", ct), false, "alice has no grant on team");
        await AccessBed.ExpectAsync(bed.PullAsync("alice:alice-password", "rootapp", ct), false, "alice has no grant on the root folder");
        await AccessBed.ExpectAsync(bed.PushAsync("alice:alice-password", "production/new", ct), false, "alice has no push");

        // bob: pull and push on team.
        await AccessBed.ExpectAsync(bed.PushAsync("bob:bob-password", "team/new", ct), true, "bob pushes to team");
        await AccessBed.ExpectAsync(bed.PullAsync("bob:bob-password", "team/new", ct), true, "bob pulls from team");
        await AccessBed.ExpectAsync(bed.PushAsync("bob:bob-password", "production/new", ct), false, "bob has no grant on production");

        // carol: pull on team through her group, no push there although her account may push.
        await AccessBed.ExpectAsync(bed.PullAsync("carol:carol-password", "team/app", ct), true, "carol pulls team through team-readers");
        await AccessBed.ExpectAsync(bed.PushAsync("carol:carol-password", "team/other", ct), false, "team-readers cannot push");

        // erin: a grant on production, but the account's global flags are off.
        await AccessBed.ExpectAsync(bed.PullAsync("erin:erin-password", "production/app", ct), false, "erin's account may not pull");

        // dave is disabled; a wrong password is refused too.
        await AccessBed.ExpectAsync(bed.PullAsync("dave:dave-password", "public/app", ct), false, "disabled accounts cannot log in");
        await AccessBed.ExpectAsync(bed.PullAsync("alice:wrong-password", "production/app", ct), false, "wrong password");

        // Anonymous: only the public folder, and only pull.
        await AccessBed.ExpectAsync(bed.PullAsync(null, "public/app", ct), true, "anonymous pulls a public folder");
        await AccessBed.ExpectAsync(bed.PullAsync(null, "production/app", ct), false, "anonymous cannot pull a private folder");
        await AccessBed.ExpectAsync(bed.PushAsync(null, "public/new", ct), false, "anonymous cannot push");

        // The catalog shows each principal only what it may pull.
        Assert.Equal(["production/app", "public/app"], await CatalogAsync(bed, "alice", "alice-password"));
        Assert.Equal(["production/app", "public/app", "rootapp", "team/app", "team/new"], await CatalogAsync(bed, "admin", AccessBed.AdminPassword));
    }

    private static async Task<List<string>> CatalogAsync(AccessBed bed, string username, string password)
    {
        using var http = AdminApi.Create(bed.Bed.Server.BaseAddress, username, password);
        using var response = await http.GetAsync("/v2/_catalog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. json["repositories"]!.AsArray().Select(r => (string)r!)];
    }
}
