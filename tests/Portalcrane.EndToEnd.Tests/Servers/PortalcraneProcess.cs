using System.Diagnostics;
using Portalcrane.TestSupport;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>
/// Portalcrane as users run it: <c>dotnet Portalcrane.dll --urls http://127.0.0.1:PORT</c> with its
/// own <c>DATA_DIR</c>. Restarts keep the port and the data folder, as a service manager would.
/// </summary>
public sealed class PortalcraneProcess : IDisposable
{
    private readonly ProcessLog _log = new();
    private ServerProcess? _current;

    private readonly IReadOnlyDictionary<string, string> _environment;

    private PortalcraneProcess(string dataDirectory, int port, IReadOnlyDictionary<string, string> environment, string? extraUrl)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _environment = environment;
        _extraUrl = extraUrl;
    }

    private readonly string? _extraUrl;

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>The registry host as image references spell it: <c>127.0.0.1:PORT</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public Uri BaseAddress => new($"http://{Host}/");

    /// <summary>Everything the server printed, over all its runs.</summary>
    public string Log => _log.ToString();

    /// <summary>Starts Portalcrane with the given environment variables on top of the test's own.</summary>
    /// <remarks><paramref name="extraUrl"/> adds a second address (an https:// one) beside the plain one the tests wait on.</remarks>
    public static async Task<PortalcraneProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, int? port = null, string? extraUrl = null)
    {
        var server = new PortalcraneProcess(dataDirectory, port ?? FreePort.Next(), environment, extraUrl);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server (again) and waits until <c>GET /healthz</c> answers 200.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_current is { HasExited: false })
        {
            throw new InvalidOperationException("Portalcrane is already running");
        }

        _current?.Dispose();
        var info = new ProcessStartInfo(DotnetHost())
        {
            // The content root is the working directory: this is where appsettings.json is.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portalcrane.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(_extraUrl is null ? $"http://{Host}" : $"http://{Host};{_extraUrl}");
        info.Environment["DATA_DIR"] = DataDirectory;
        if (TestDatabase.UsePostgres)
        {
            info.Environment["POSTGRES_CONNECTION_STRING"] = TestDatabase.ConnectionStringFor(DataDirectory);
        }

        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        info.Environment.Remove("DOTNET_URLS");
        _current = ServerProcess.Start(info, _log, "Portalcrane");
        await _current.WaitUntilReadyAsync(new Uri(BaseAddress, "/healthz"), cancellationToken);
    }

    /// <summary>A graceful stop (SIGTERM), as <c>systemctl stop</c> or <c>docker stop</c> does.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        _current?.TerminateAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>SIGKILL, as a crash, an OOM kill or a pulled plug would end it.</summary>
    public void Kill() => _current?.Kill();

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    /// <summary>Kills the server if it still runs and copies its output to the test's output.</summary>
    public void Dispose()
    {
        _current?.Dispose();
        if (TestDatabase.UsePostgres && !_environment.ContainsKey("POSTGRES_CONNECTION_STRING"))
        {
            TestDatabase.DropAsync(DataDirectory).GetAwaiter().GetResult();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"--- Portalcrane on {Host}, DATA_DIR={DataDirectory} ---\n{Log}");
    }

    /// <summary>The dotnet host running these tests, so the server runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
