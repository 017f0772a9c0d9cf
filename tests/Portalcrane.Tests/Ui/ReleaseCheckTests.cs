using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portalcrane.Ui;

namespace Portalcrane.Tests.Ui;

/// <summary>
/// The About page's release check against a release server on loopback (standing in for GitHub's
/// API, which this machine cannot reach): parsed, compared, cached, and clear when it fails.
/// </summary>
public sealed class ReleaseCheckTests
{
    private static async Task<(WebApplication App, string Url, Func<int> Calls)> StartReleaseServerAsync(string tag, HttpStatusCode status = HttpStatusCode.OK)
    {
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/releases/latest", (HttpContext http) =>
        {
            Interlocked.Increment(ref calls);
            return status == HttpStatusCode.OK
                ? Results.Text($$"""{"tag_name":"{{tag}}","html_url":"https://example.test/releases/{{tag}}","user_agent":"{{http.Request.Headers.UserAgent}}"}""", "application/json")
                : Results.StatusCode((int)status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, $"{address}/releases/latest", () => calls);
    }

    private static ReleaseCheck Check(string url, TimeProvider time)
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        return new ReleaseCheck(services.GetRequiredService<IHttpClientFactory>(), Options.Create(new ReleaseCheckOptions { Url = url }), time, NullLogger<ReleaseCheck>.Instance);
    }

    [Fact]
    public async Task A_newer_release_is_announced_and_the_answer_is_cached()
    {
        var (app, url, calls) = await StartReleaseServerAsync("v99.1.0");
        await using var _ = app;
        var clock = new ManualClock();
        var check = Check(url, clock);

        var status = await check.GetAsync(CancellationToken.None);
        Assert.True(status.UpdateAvailable);
        Assert.Equal("99.1.0", status.Latest);
        Assert.Equal("https://example.test/releases/v99.1.0", status.Url);
        Assert.Equal("Version 99.1.0 is available.", status.Message);

        await check.GetAsync(CancellationToken.None);
        Assert.Equal(1, calls());
        clock.Advance(TimeSpan.FromHours(7));
        await check.GetAsync(CancellationToken.None);
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task The_current_version_is_reported_as_latest()
    {
        var (app, url, _) = await StartReleaseServerAsync("v" + ReleaseCheck.CurrentVersion);
        await using var __ = app;
        var status = await Check(url, TimeProvider.System).GetAsync(CancellationToken.None);
        Assert.False(status.UpdateAvailable);
        Assert.Equal("This is the latest version.", status.Message);
    }

    [Fact]
    public async Task A_failing_or_unreachable_server_gives_a_clear_message_and_is_asked_again_later()
    {
        var (app, url, calls) = await StartReleaseServerAsync("v1.0.0", HttpStatusCode.Forbidden);
        await using var _ = app;
        var clock = new ManualClock();
        var check = Check(url, clock);
        var refused = await check.GetAsync(CancellationToken.None);
        Assert.Null(refused.Latest);
        Assert.Equal("The release server answered 403 Forbidden.", refused.Message);
        clock.Advance(TimeSpan.FromMinutes(11));
        await check.GetAsync(CancellationToken.None);
        Assert.Equal(2, calls());

        var offline = await Check("http://127.0.0.1:9/releases/latest", TimeProvider.System).GetAsync(CancellationToken.None);
        Assert.Contains("cannot be reached", offline.Message, StringComparison.Ordinal);
        Assert.Equal(ReleaseCheck.CurrentVersion, offline.Current);
    }
}
