using System.Net;
using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Registry;

public sealed class PodmanTests
{
    [Fact]
    public async Task Podman_pushes_an_image_and_pulls_the_same_image_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var source = bed.CreateLayout("source");
        var image = TestImages.WriteImage(source, "latest");
        var podman = new Podman(bed.Folder.Combine("podman"));
        var imageId = image.Config.Digest["sha256:".Length..];
        var remote = $"{bed.Server.Host}/podman/app:v1";

        await podman.RunAsync(["pull", "--quiet", source.Reference("latest")], ct);
        await podman.RunAsync(["tag", imageId, remote], ct);
        var digestFile = bed.Folder.Combine("pushed-digest");
        await podman.RunAsync(["push", "--quiet", "--tls-verify=false", "--digestfile", digestFile, remote], ct);
        var pushed = (await File.ReadAllTextAsync(digestFile, ct)).Trim();
        Assert.StartsWith("sha256:", pushed, StringComparison.Ordinal);

        // The registry serves what podman says it pushed.
        using (var http = bed.CreateHttpClient())
        using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/podman/app/manifests/v1"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(pushed, head.Headers.GetValues("Docker-Content-Digest").Single());
        }

        // Forget the image locally, so the pull below has to fetch every byte from Portalcrane.
        await podman.RunAsync(["rmi", "--force", imageId], ct);
        var gone = await podman.TryRunAsync(["image", "exists", remote], ct);
        Assert.True(gone.ExitCode == 1, $"the image should be gone after rmi\n{gone}");

        var pull = await podman.RunAsync(["pull", "--quiet", "--tls-verify=false", remote], ct);
        Assert.Equal(imageId, pull.StandardOutput.Trim());
        var inspected = await podman.RunAsync(["image", "inspect", "--format", "{{.Id}} {{.Digest}}", remote], ct);
        Assert.Equal($"{imageId} {pushed}", inspected.StandardOutput.Trim());
    }
}
