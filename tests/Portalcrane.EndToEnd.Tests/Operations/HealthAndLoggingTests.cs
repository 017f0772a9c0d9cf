using System.Net;
using System.Text.Json;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Operations;

public sealed class HealthAndLoggingTests
{
    [Fact]
    public async Task Readiness_reports_storage_that_cannot_be_written_and_logs_can_be_json()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bed = await PortalcraneTestBed.StartAsync(new Dictionary<string, string> { ["LOG_FORMAT"] = "json", ["ADMIN_PASSWORD"] = "not-logged-anywhere" }, ct);
        using var http = bed.CreateHttpClient();

        using var alive = await http.GetAsync("/healthz", ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using var ready = await http.GetAsync("/readyz", ct);
        Assert.Equal("ready", await ready.Content.ReadAsStringAsync(ct));

        var uploads = Path.Combine(bed.Server.DataDirectory, "uploads");
        Directory.Delete(uploads, recursive: true);
        using var broken = await http.GetAsync("/readyz", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
        Assert.StartsWith("storage:", await broken.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Directory.CreateDirectory(uploads);

        var lines = bed.Server.Log.Split('\n').Select(l => l[(l.IndexOf('{', StringComparison.Ordinal) is var i and >= 0 ? i : 0)..]).Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("LogLevel", out _), line);
        }

        Assert.DoesNotContain("not-logged-anywhere", bed.Server.Log, StringComparison.Ordinal);
    }
}
