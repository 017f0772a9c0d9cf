using System.Text.Json.Nodes;

namespace Portalcrane.EndToEnd.Tests.Tools;

/// <summary>
/// skopeo with a private auth file, signature policy and temp folder, so a test never reads or
/// writes the machine's container configuration. Registries are plain-HTTP loopback ones.
/// </summary>
public sealed class Skopeo
{
    private readonly string _folder;
    private readonly string _policy;
    private readonly Dictionary<string, string> _environment;

    public Skopeo(string folder)
    {
        _folder = Directory.CreateDirectory(folder).FullName;
        _policy = Path.Combine(_folder, "policy.json");
        File.WriteAllText(_policy, """{"default":[{"type":"insecureAcceptAnything"}]}""");
        var auth = Path.Combine(_folder, "auth.json");
        File.WriteAllText(auth, """{"auths":{}}""");
        _environment = new Dictionary<string, string>
        {
            ["REGISTRY_AUTH_FILE"] = auth,
            ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName,
        };
    }

    /// <summary><c>skopeo copy</c>; returns the digest of the manifest written to the destination.</summary>
    public Task<string> CopyAsync(string source, string destination, CancellationToken cancellationToken) =>
        CopyAsync(source, destination, [], cancellationToken);

    /// <summary><c>skopeo copy</c> with options such as <c>--all</c>; returns the digest of the manifest written to the destination.</summary>
    public async Task<string> CopyAsync(string source, string destination, IReadOnlyList<string> options, CancellationToken cancellationToken)
    {
        var digestFile = Path.Combine(_folder, $"digest-{Guid.NewGuid():N}");
        await RunAsync(["copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--digestfile", digestFile, .. options, source, destination], cancellationToken);
        return (await File.ReadAllTextAsync(digestFile, cancellationToken)).Trim();
    }

    /// <summary>The manifest (or index) exactly as the source serves it.</summary>
    public async Task<string> InspectRawAsync(string reference, CancellationToken cancellationToken) =>
        (await RunAsync(["inspect", "--raw", .. TlsOptions(reference), reference], cancellationToken)).StandardOutput;

    /// <summary><c>skopeo inspect</c>: the image as a linux/amd64 client resolves it (for an index: that platform's image).</summary>
    public Task<JsonNode> InspectAsync(string reference, CancellationToken cancellationToken) =>
        InspectAsync(reference, "amd64", cancellationToken);

    /// <summary><c>skopeo --override-os linux --override-arch ARCH inspect</c>: the image a client on that platform gets.</summary>
    public async Task<JsonNode> InspectAsync(string reference, string architecture, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["--override-os", "linux", "--override-arch", architecture, "inspect", .. TlsOptions(reference), reference], cancellationToken);
        return JsonNode.Parse(result.StandardOutput)!;
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        var output = await RunAsync(["list-tags", "--tls-verify=false", repository], cancellationToken);
        return [.. JsonNode.Parse(output.StandardOutput)!["Tags"]!.AsArray().Select(t => (string)t!)];
    }

    /// <summary>Runs skopeo and returns what happened, success or not (for access that must be refused).</summary>
    public Task<CommandResult> TryRunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalCommand.TryRunAsync("skopeo", ["--policy", _policy, .. arguments], _environment, cancellationToken);

    public Task<CommandResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync("skopeo", ["--policy", _policy, .. arguments], _environment, cancellationToken);

    private static string[] TlsOptions(string reference) =>
        reference.StartsWith("docker://", StringComparison.Ordinal) ? ["--tls-verify=false"] : [];
}
