using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Access;

public sealed class PodmanLoginTests
{
    [Fact]
    public async Task Podman_logs_in_pushes_where_granted_is_refused_elsewhere_and_pulls_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await AccessBed.StartAsync(ct);
        var bob = await bed.Admin.CreateUserAsync("bob", "bob-password", canPull: true, canPush: true);
        var team = await bed.Admin.CreateFolderAsync("team");
        await bed.Admin.CreateFolderAsync("production");
        await bed.Admin.GrantAsync(team, new { userId = bob, canPull = true, canPush = true });

        var podman = new Podman(bed.Bed.Folder.Combine("podman"));
        var host = bed.Bed.Server.Host;
        var refusedLogin = await podman.TryRunAsync(["login", "--tls-verify=false", "-u", "bob", "-p", "wrong-password", host], ct);
        Assert.True(refusedLogin.ExitCode != 0, $"a wrong password must not log in\n{refusedLogin}");
        await podman.RunAsync(["login", "--tls-verify=false", "-u", "bob", "-p", "bob-password", host], ct);

        var image = TestImages.WriteImage(bed.Bed.CreateLayout("source"), "latest", layerCount: 1, layerSize: 64 * 1024);
        var imageId = image.Config.Digest["sha256:".Length..];
        await podman.RunAsync(["pull", "--quiet", $"oci:{bed.Bed.Folder.Combine("source")}:latest"], ct);
        await podman.RunAsync(["tag", imageId, $"{host}/team/app:v1", $"{host}/production/app:v1"], ct);

        await podman.RunAsync(["push", "--quiet", "--tls-verify=false", $"{host}/team/app:v1"], ct);
        var denied = await podman.TryRunAsync(["push", "--quiet", "--tls-verify=false", $"{host}/production/app:v1"], ct);
        Assert.True(denied.ExitCode != 0, $"bob has no grant on production\n{denied}");

        await podman.RunAsync(["rmi", "--force", imageId], ct);
        var pulled = await podman.RunAsync(["pull", "--quiet", "--tls-verify=false", $"{host}/team/app:v1"], ct);
        Assert.Equal(imageId, pulled.StandardOutput.Trim());

        await podman.RunAsync(["logout", host], ct);
        await podman.RunAsync(["rmi", "--force", imageId], ct);
        var anonymous = await podman.TryRunAsync(["pull", "--quiet", "--tls-verify=false", $"{host}/team/app:v1"], ct);
        Assert.True(anonymous.ExitCode != 0, $"after logout the private image must not pull\n{anonymous}");
    }
}
