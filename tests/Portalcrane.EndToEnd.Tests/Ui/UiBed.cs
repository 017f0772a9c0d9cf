using Microsoft.Playwright;
using Portalcrane.EndToEnd.Tests.Access;
using Portalcrane.EndToEnd.Tests.Servers;

namespace Portalcrane.EndToEnd.Tests.Ui;

/// <summary>
/// Portalcrane (registry authentication on, a known admin password) and a real Chromium driven by
/// Playwright, with images pushed by skopeo.
/// </summary>
public sealed class UiBed : IAsyncDisposable
{
    /// <summary>Debian's chromium: the browser the test command installs.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private UiBed(AccessBed access, IPlaywright playwright, IBrowser browser)
    {
        Access = access;
        Playwright = playwright;
        Browser = browser;
    }

    public AccessBed Access { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public string BaseUrl => Access.Bed.Server.BaseAddress.ToString().TrimEnd('/');

    public static async Task<UiBed> StartAsync(CancellationToken cancellationToken, Dictionary<string, string>? environment = null, int? port = null)
    {
        var access = await AccessBed.StartAsync(cancellationToken, environment, port);
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        return new UiBed(access, playwright, browser);
    }

    /// <summary>skopeo pushes the bed's test image as <paramref name="reference"/> (repository:tag) with the admin's credentials.</summary>
    public async Task PushAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await Access.Bed.Skopeo.TryRunAsync(
            ["copy", "--dest-tls-verify=false", "--dest-creds", $"admin:{AccessBed.AdminPassword}", Access.Layout.Reference("latest"), Access.Bed.Reference(reference)],
            cancellationToken);
        Assert.True(result.ExitCode == 0, $"push {reference}\n{result}");
    }

    /// <summary>A new browser tab in its own context (cookies), with the colour scheme the "system" prefers.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light, int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the login form and waits for the interactive page.</summary>
    public static async Task LoginAsync(IPage page, string username, string password, string path = "/")
    {
        await page.GotoAsync(path);
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await WaitForCircuitAsync(page);
    }

    /// <summary>Waits until the page runs over its circuit (the layout marks itself once it is interactive).</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await Assertions.Expect(page.Locator(".pc-root")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>The text input of a MudBlazor field marked with <c>data-testid</c> (on the input or around it).</summary>
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>Saves a full-page screenshot under the test-output folder (TEST_OUTPUT_DIR, else test-output/ at the repository root).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(OutputFolder(), "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 5_000, $"screenshot {name} is empty");
    }

    public static string OutputFolder()
    {
        if (Environment.GetEnvironmentVariable("TEST_OUTPUT_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portalcrane.slnx")))
            {
                return Path.Combine(dir.FullName, "test-output");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "test-output");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Access.Dispose();
    }
}
