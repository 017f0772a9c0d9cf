using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>
/// What one test owns: a temp folder, a Portalcrane process with its own DATA_DIR in it, and a
/// skopeo configured inside it. Disposing kills the server and deletes the folder.
/// </summary>
public sealed class PortalcraneTestBed : IDisposable
{
    private PortalcraneTestBed(TempDirectory folder, PortalcraneProcess server)
    {
        Folder = folder;
        Server = server;
        Skopeo = new Skopeo(folder.Combine("skopeo"));
    }

    public TempDirectory Folder { get; }

    public PortalcraneProcess Server { get; }

    public Skopeo Skopeo { get; }

    /// <summary>The registry protocol tests run Portalcrane with /v2 open (no accounts involved).</summary>
    public static readonly IReadOnlyDictionary<string, string> OpenRegistry = new Dictionary<string, string> { ["REGISTRY_PROXY_AUTH_ENABLED"] = "false" };

    public static Task<PortalcraneTestBed> StartAsync(CancellationToken cancellationToken) => StartAsync(OpenRegistry, cancellationToken);

    public static async Task<PortalcraneTestBed> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, int? port = null)
    {
        var folder = new TempDirectory();
        try
        {
            var server = await PortalcraneProcess.StartAsync(folder.CreateDirectory("data"), environment, cancellationToken, port);
            return new PortalcraneTestBed(folder, server);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>A skopeo reference to Portalcrane: <c>docker://127.0.0.1:PORT/&lt;repository:tag or @digest&gt;</c>.</summary>
    public string Reference(string repositoryAndTag) => $"docker://{Server.Host}/{repositoryAndTag}";

    /// <summary>A new, empty OCI layout in the test folder.</summary>
    public OciLayout CreateLayout(string name) => OciLayout.Create(Folder.Combine(name));

    /// <summary>An HttpClient talking to Portalcrane directly, for what no CLI exposes.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public void Dispose()
    {
        Server.Dispose();
        Folder.Dispose();
    }
}
