using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portalcrane.Registry.Endpoints;
using Portalcrane.TestSupport;

namespace Portalcrane.Registry.Tests;

/// <summary>The registry engine on a real Kestrel server on a free loopback port, with its own data folder and clock.</summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private RegistryServer(WebApplication app, string dataDirectory, ManualTimeProvider clock)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Clock = clock;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string DataDirectory { get; }

    public ManualTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RegistryServer> StartAsync(Dictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("portalcrane-test-").FullName;
        var clock = new ManualTimeProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (TestDatabase.UsePostgres)
        {
            builder.Configuration.AddInMemoryCollection([new("POSTGRES_CONNECTION_STRING", TestDatabase.ConnectionStringFor(dataDirectory))]);
        }

        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddRegistry(builder.Configuration, dataDirectory);
        var app = builder.Build();
        app.MapRegistryEndpoints();
        await app.StartAsync();
        return new RegistryServer(app, dataDirectory, clock);
    }

    /// <summary>Stops the server and keeps its data folder, for a restart on the same data.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (TestDatabase.UsePostgres)
        {
            await TestDatabase.DropAsync(DataDirectory);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test that owned it.
        }
    }
}
