using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portalcrane.EndToEnd.Tests.Access;
using Portalcrane.EndToEnd.Tests.Servers;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Operations;

/// <summary>Outbound calls go through HTTP_PROXY (a real tinyproxy), except for NO_PROXY hosts.</summary>
public sealed class OutboundProxyTests
{
    [Fact]
    public async Task The_release_check_goes_through_the_configured_proxy_unless_the_host_is_in_no_proxy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory();

        // The release server (GitHub's API cannot be reached from here): a loopback stand-in.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var releases = builder.Build();
        releases.MapGet("/releases/latest", () => Results.Text("""{"tag_name":"v99.0.0","html_url":"https://example.test/releases/v99.0.0"}""", "application/json"));
        await releases.StartAsync(ct);
        var releaseUrl = releases.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/releases/latest";

        var proxyPort = FreePort.Next();
        var log = folder.Combine("tinyproxy.log");
        File.WriteAllText(folder.Combine("tinyproxy.conf"), $"""
            Port {proxyPort}
            Listen 127.0.0.1
            Timeout 30
            LogFile "{log}"
            LogLevel Connect
            MaxClients 20
            Allow 127.0.0.1
            """);
        using var proxy = Process.Start(new ProcessStartInfo("tinyproxy", ["-d", "-c", folder.Combine("tinyproxy.conf")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            await WaitForPortAsync(proxyPort, ct);
            var environment = new Dictionary<string, string>
            {
                ["ADMIN_PASSWORD"] = AccessBed.AdminPassword,
                ["HTTP_PROXY"] = $"http://127.0.0.1:{proxyPort}",
                ["RELEASE_CHECK_URL"] = releaseUrl,
            };
            using (var proxied = await PortalcraneProcess.StartAsync(folder.CreateDirectory("proxied"), environment, ct))
            {
                var about = await AboutAsync(proxied, ct);
                Assert.Equal("99.0.0", (string?)about["latest"]);
                Assert.Contains($"GET {releaseUrl}", File.ReadAllText(log), StringComparison.Ordinal);
            }

            var before = File.ReadAllText(log);
            environment["NO_PROXY"] = "127.0.0.1";
            using var direct = await PortalcraneProcess.StartAsync(folder.CreateDirectory("direct"), environment, ct);
            Assert.Equal("99.0.0", (string?)(await AboutAsync(direct, ct))["latest"]);
            Assert.Equal(before, File.ReadAllText(log));
        }
        finally
        {
            proxy.Kill();
            await proxy.WaitForExitAsync(ct);
        }
    }

    private static async Task<JsonNode> AboutAsync(PortalcraneProcess server, CancellationToken ct)
    {
        using var http = AdminApi.Create(server.BaseAddress, "admin", AccessBed.AdminPassword);
        return (await http.GetFromJsonAsync<JsonNode>("/api/about", ct))!;
    }

    private static async Task WaitForPortAsync(int port, CancellationToken ct)
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100, ct);
            }
        }

        throw new InvalidOperationException($"tinyproxy did not listen on {port}");
    }
}
