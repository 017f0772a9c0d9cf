using Portalcrane.EndToEnd.Tests.Images;
using Portalcrane.EndToEnd.Tests.Servers;
using Portalcrane.EndToEnd.Tests.Tools;

namespace Portalcrane.EndToEnd.Tests.Access;

/// <summary>Portalcrane with registry authentication on (the default), a known admin password, and a small image to push.</summary>
public sealed class AccessBed : IDisposable
{
    public const string AdminPassword = "correct-horse-battery-staple";

    private AccessBed(PortalcraneTestBed bed)
    {
        Bed = bed;
        Layout = bed.CreateLayout("image");
        TestImages.WriteImage(Layout, "latest", layerCount: 1, layerSize: 64 * 1024);
        Admin = new AdminApi(bed.Server.BaseAddress, "admin", AdminPassword);
    }

    public PortalcraneTestBed Bed { get; }

    public OciLayout Layout { get; }

    public AdminApi Admin { get; }

    public static async Task<AccessBed> StartAsync(CancellationToken cancellationToken, Dictionary<string, string>? environment = null, int? port = null)
    {
        environment ??= [];
        environment.TryAdd("ADMIN_PASSWORD", AdminPassword);
        return new AccessBed(await PortalcraneTestBed.StartAsync(environment, cancellationToken, port));
    }

    /// <summary>skopeo pushes the test image to <paramref name="repository"/>:latest as the given user (null: anonymous).</summary>
    public Task<CommandResult> PushAsync(string? credentials, string repository, CancellationToken cancellationToken) =>
        Bed.Skopeo.TryRunAsync(["copy", "--dest-tls-verify=false", .. Creds("--dest-creds", credentials), Layout.Reference("latest"), Bed.Reference($"{repository}:latest")], cancellationToken);

    /// <summary>skopeo pulls <paramref name="repository"/>:latest into a new layout as the given user (null: anonymous).</summary>
    public Task<CommandResult> PullAsync(string? credentials, string repository, CancellationToken cancellationToken) =>
        Bed.Skopeo.TryRunAsync(["copy", "--src-tls-verify=false", .. Creds("--src-creds", credentials), Bed.Reference($"{repository}:latest"), $"oci:{Bed.Folder.Combine($"pull-{Guid.NewGuid():N}")}:latest"], cancellationToken);

    /// <summary>Asserts a client command succeeded (allowed) or failed (refused), with its output on failure.</summary>
    public static async Task ExpectAsync(Task<CommandResult> run, bool allowed, string what)
    {
        var result = await run;
        Assert.True((result.ExitCode == 0) == allowed, $"{what}: expected {(allowed ? "success" : "refusal")}\n{result}");
    }

    public void Dispose()
    {
        Admin.Dispose();
        Bed.Dispose();
    }

    private static string[] Creds(string option, string? credentials) => credentials is null ? [] : [option, credentials];
}
