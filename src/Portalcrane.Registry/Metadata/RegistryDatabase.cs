using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace Portalcrane.Registry.Metadata;

/// <summary>
/// Where metadata lives: the embedded SQLite file in the data folder, or PostgreSQL when
/// POSTGRES_CONNECTION_STRING is set (several Portalcrane processes may then share it).
/// </summary>
public static class RegistryDatabase
{
    public const string PostgresVariable = "POSTGRES_CONNECTION_STRING";

    public static string? PostgresConnectionString(IConfiguration configuration) =>
        configuration[PostgresVariable] is { Length: > 0 } value ? value : null;

    /// <summary>Configures a context for the chosen database; <paramref name="historyTable"/> names its migrations table.</summary>
    public static DbContextOptionsBuilder UseMetadataDatabase(this DbContextOptionsBuilder builder, string? postgres, string sqlitePath, string? historyTable = null)
    {
        if (postgres is not null)
        {
            return builder.UseNpgsql(postgres, npgsql =>
            {
                if (historyTable is not null)
                {
                    npgsql.MigrationsHistoryTable(historyTable);
                }
            });
        }

        return builder
            .UseSqlite($"Data Source={sqlitePath}", sqlite =>
            {
                if (historyTable is not null)
                {
                    sqlite.MigrationsHistoryTable(historyTable);
                }
            })
            .AddInterceptors(new SqlitePragmas());
    }
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context to generate its migrations (no server needed).</summary>
internal sealed class PostgresRegistryDbContextFactory : IDesignTimeDbContextFactory<PostgresRegistryDbContext>
{
    public PostgresRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRegistryDbContext>().UseNpgsql("Host=localhost;Database=portalcrane").Options);
}
