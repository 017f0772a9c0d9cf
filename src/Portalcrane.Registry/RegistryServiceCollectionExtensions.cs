using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portalcrane.Registry.Access;
using Portalcrane.Registry.Blobs;
using Portalcrane.Registry.Listing;
using Portalcrane.Registry.Maintenance;
using Portalcrane.Registry.Manifests;
using Portalcrane.Registry.Metadata;
using Portalcrane.Registry.Storage;
using Portalcrane.Registry.Uploads;

namespace Portalcrane.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>The registry engine, storing blobs under <paramref name="dataDirectory"/> and metadata in SQLite there.</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<RegistryOptions>()
            .Bind(configuration.GetSection(RegistryOptions.Section))
            .Validate(o => o.UploadTimeout > TimeSpan.Zero && o.PurgeInterval > TimeSpan.Zero, "Registry:UploadTimeout and Registry:PurgeInterval must be positive.")
            .Validate(o => o.MaxPageSize > 0, "Registry:MaxPageSize must be positive.")
            .Validate(o => o.WarmWhileBusyBelow is > 0 and <= 1, "Registry:WarmWhileBusyBelow must be above 0 and at most 1.")
            .ValidateOnStart();

        services.AddOptions<GarbageCollectionOptions>()
            .Bind(configuration.GetSection(GarbageCollectionOptions.Section))
            .Validate(o => o.GracePeriod >= TimeSpan.Zero, "GarbageCollection:GracePeriod must not be negative.")
            .ValidateOnStart();

        var paths = new RegistryPaths(dataDirectory);
        services.AddSingleton(paths);
        services.TryAddTimeProvider();
        if (RegistryDatabase.PostgresConnectionString(configuration) is { } postgres)
        {
            services.AddDbContextPool<RegistryDbContext, PostgresRegistryDbContext>(options => options.UseMetadataDatabase(postgres, paths.Database));
        }
        else
        {
            services.AddDbContextPool<RegistryDbContext>(options => options.UseMetadataDatabase(null, paths.Database));
        }

        services.AddSingleton<BlobStore>();
        services.AddSingleton<PageCacheWarmer>();
        var postgresConnection = RegistryDatabase.PostgresConnectionString(configuration);
        if (postgresConnection is not null)
        {
            services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(postgresConnection));
        }

        services.AddSingleton(sp => new BlobLocks(sp.GetService<Npgsql.NpgsqlDataSource>()));
        services.AddSingleton<GarbageCollector>();
        services.AddScoped<GarbageCollection>();
        services.AddSingleton<UploadHashCache>();
        services.AddScoped<RepositoryStore>();
        services.AddScoped<RepositoryStatistics>();
        services.AddSingleton<RegistryChanges>();
        services.AddScoped<BlobService>();
        services.AddScoped<UploadService>();
        services.AddScoped<ManifestService>();
        services.AddScoped<ListingService>();
        services.TryAddSingleton<IRegistryGate, OpenRegistryGate>();
        services.TryAddSingleton<IRegistryEvents, NoRegistryEvents>();
        services.AddHostedService<RegistryInitializer>();
        services.AddHostedService<UploadPurger>();
        services.AddHostedService<GarbageCollectionScheduler>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
