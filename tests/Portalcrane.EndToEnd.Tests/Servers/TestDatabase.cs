using Npgsql;

namespace Portalcrane.EndToEnd.Tests.Servers;

/// <summary>
/// The metadata database of a test server: SQLite in its data folder, or, when the test command
/// runs the suite a second time with PORTALCRANE_TEST_DATABASE=postgres, a fresh PostgreSQL
/// database (named after the data folder, so a restart finds it) on the server named by
/// PORTALCRANE_TEST_POSTGRES_SERVER.
/// </summary>
public static class TestDatabase
{
    public static bool UsePostgres => Environment.GetEnvironmentVariable("PORTALCRANE_TEST_DATABASE") == "postgres";

    public static string Server => Environment.GetEnvironmentVariable("PORTALCRANE_TEST_POSTGRES_SERVER") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("PORTALCRANE_TEST_POSTGRES_SERVER is not set: run scripts/test.sh, which starts PostgreSQL");

    public static string ConnectionStringFor(string dataDirectory) => $"{Server};Database={NameFor(dataDirectory)}";

    /// <summary>A database of its own for a test that needs PostgreSQL whatever the pass.</summary>
    public static string ConnectionStringFor(string dataDirectory, string suffix) => $"{Server};Database={NameFor(dataDirectory)}{suffix}";

    public static async Task DropAsync(string dataDirectory, string suffix = "")
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection($"{Server};Database=postgres");
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{NameFor(dataDirectory)}{suffix}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string NameFor(string dataDirectory) =>
        "pc_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];
}
