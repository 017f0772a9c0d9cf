using Portalcrane.EndToEnd.Tests.Servers;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Operations;

/// <summary><c>dotnet Portalcrane.dll healthcheck</c>, the container image's HEALTHCHECK.</summary>
public sealed class HealthCheckCommandTests
{
    [Fact]
    public async Task The_healthcheck_command_exits_zero_for_a_live_server_and_one_for_none()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(ct);
        var dll = Path.Combine(AppContext.BaseDirectory, "Portalcrane.dll");

        // As in the container: a wildcard listen address, probed on loopback.
        var live = await ExternalCommand.TryRunAsync("dotnet", [dll, "healthcheck"],
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://+:{bed.Server.Port}" }, ct);
        Assert.True(live.ExitCode == 0, live.ToString());

        var none = await ExternalCommand.TryRunAsync("dotnet", [dll, "healthcheck"],
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{FreePort.Next()}" }, ct);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("healthz", none.StandardError, StringComparison.Ordinal);
    }
}
