using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;
using Portalcrane.EndToEnd.Tests.Images;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>A multi-architecture index with an attached SBOM, as the tag page shows it.</summary>
public sealed class MultiPlatformTests
{
    [Fact]
    public async Task The_platform_picker_switches_images_and_attached_artifacts_are_listed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bed = await UiBed.StartAsync(ct);
        var source = bed.Access.Bed.CreateLayout("multi");
        var index = TestImages.WriteMultiArchitectureImage(source, "latest");
        var pushed = await bed.Access.Bed.Skopeo.TryRunAsync(
            ["copy", "--all", "--dest-tls-verify=false", "--dest-creds", $"admin:{AccessBed.AdminPassword}", source.Reference("latest"), bed.Access.Bed.Reference("multi/app:v1")], ct);
        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        await AttachSbomAsync(bed, "multi/app", index.Index.Digest, index.Index.Size);

        var page = await bed.NewPageAsync();
        await UiBed.LoginAsync(page, "admin", AccessBed.AdminPassword, "/images/multi/app");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "v1" }).First).ToContainTextAsync("linux/arm64");

        await page.GotoAsync("/images/multi/app/-/tags/v1?advanced=true");
        await UiBed.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=cfg-arch]")).ToHaveTextAsync("amd64");
        await Assertions.Expect(page.Locator("[data-testid=referrers-table]")).ToContainTextAsync("SBOM (application/spdx+json)");

        // Pick the arm64 image of the index: its config and layers replace the amd64 ones.
        await page.ClickAsync("[data-testid=platform-picker]");
        await page.GetByRole(AriaRole.Option, new() { Name = "linux/arm64" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=cfg-arch]")).ToHaveTextAsync("arm64");
        await Assertions.Expect(page.Locator("[data-testid=layers-table]")).ToContainTextAsync(index.For("arm64").Layers[0].Digest[..19]);
    }

    /// <summary>Pushes an SPDX document as an artifact whose subject is the index (what `oras attach` does).</summary>
    private static async Task AttachSbomAsync(UiBed bed, string repository, string subject, long subjectSize)
    {
        var empty = "{}"u8.ToArray();
        var sbom = Encoding.UTF8.GetBytes("""{"spdxVersion":"SPDX-2.3","name":"multi/app"}""");
        foreach (var blob in new[] { empty, sbom })
        {
            using var upload = new ByteArrayContent(blob);
            using var stored = await bed.Access.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/?digest={Digest(blob)}") { Content = upload });
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }

        var manifest = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/spdx+json",
             "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{{{Digest(empty)}}}","size":2},
             "layers":[{"mediaType":"application/spdx+json","digest":"{{{Digest(sbom)}}}","size":{{{sbom.Length}}}}],
             "subject":{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{{subject}}}","size":{{{subjectSize}}}},
             "annotations":{"org.opencontainers.image.created":"2026-01-01T00:00:00Z"}}
            """;
        var bytes = Encoding.UTF8.GetBytes(manifest);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        using var put = await bed.Access.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/v2/{repository}/manifests/{Digest(bytes)}") { Content = content });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
