using System.Diagnostics;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>
/// CNCF Distribution (Debian's <c>docker-registry</c>), the reference registry, on a loopback port
/// with filesystem storage in a folder of the test, deletes enabled and no auth.
/// </summary>
public sealed class DistributionRegistry : IDisposable
{
    private const string Binary = "/usr/bin/docker-registry";
    private readonly ProcessLog _log;
    private readonly ServerProcess _process;

    private DistributionRegistry(ServerProcess process, ProcessLog log, int port)
    {
        _process = process;
        _log = log;
        Host = $"127.0.0.1:{port}";
    }

    public string Host { get; }

    public static async Task<DistributionRegistry> StartAsync(string folder, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var storage = Directory.CreateDirectory(Path.Combine(folder, "storage")).FullName;
        var config = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {storage}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """, cancellationToken);

        var info = new ProcessStartInfo(Binary) { WorkingDirectory = folder };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(config);
        var log = new ProcessLog();
        var registry = new DistributionRegistry(ServerProcess.Start(info, log, "docker-registry"), log, port);
        try
        {
            await registry._process.WaitUntilReadyAsync(new Uri($"http://{registry.Host}/v2/"), cancellationToken);
            return registry;
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        TestContext.Current.TestOutputHelper?.WriteLine($"--- docker-registry on {Host} ---\n{_log}");
    }
}
