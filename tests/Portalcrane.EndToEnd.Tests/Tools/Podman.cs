namespace Portalcrane.EndToEnd.Tests.Tools;

/// <summary>
/// podman with its own image store (vfs driver), run folder, temp folder, auth file and
/// registries.conf inside a test folder: the machine's default storage is never touched.
/// </summary>
public sealed class Podman
{
    private readonly string[] _globalOptions;
    private readonly Dictionary<string, string> _environment;

    public Podman(string folder)
    {
        folder = Directory.CreateDirectory(folder).FullName;
        string Folder(string name) => Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        var auth = Path.Combine(folder, "auth.json");
        File.WriteAllText(auth, """{"auths":{}}""");
        var registries = Path.Combine(folder, "registries.conf");
        File.WriteAllText(registries, "unqualified-search-registries = []\n");
        _globalOptions =
        [
            "--root", Folder("storage"),
            "--runroot", Folder("run"),
            "--tmpdir", Folder("libpod-tmp"),
            "--storage-driver", "vfs",
            "--events-backend", "none",
            "--cgroup-manager", "cgroupfs",
        ];
        _environment = new Dictionary<string, string>
        {
            ["REGISTRY_AUTH_FILE"] = auth,
            ["CONTAINERS_REGISTRIES_CONF"] = registries,
            ["TMPDIR"] = Folder("tmp"),
        };
    }

    public Task<CommandResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync("podman", [.. _globalOptions, .. arguments], _environment, cancellationToken);

    public Task<CommandResult> TryRunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalCommand.TryRunAsync("podman", [.. _globalOptions, .. arguments], _environment, cancellationToken);
}
