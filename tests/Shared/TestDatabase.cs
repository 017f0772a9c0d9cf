using Npgsql;

namespace Portalcrane.TestSupport;

/// <summary>
/// The metadata database of a test server: SQLite in its data folder, or, when the test command
/// runs the suite a second time with PORTALCRANE_TEST_DATABASE=postgres, a fresh PostgreSQL
/// database (named after the data folder, so a restart finds it) on the server named by
/// PORTALCRANE_TEST_POSTGRES_SERVER. Shared by the registry and end-to-end test projects.
/// </summary>
internal static class TestDatabase
{
    public static bool UsePostgres => Environment.GetEnvironmentVariable("PORTALCRANE_TEST_DATABASE") == "postgres";

    public static string Server => Environment.GetEnvironmentVariable("PORTALCRANE_TEST_POSTGRES_SERVER") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("PORTALCRANE_TEST_POSTGRES_SERVER is not set: run scripts/test.sh, which starts PostgreSQL");

    /// <summary>The database of a data folder; a <paramref name="suffix"/> gives a test that needs PostgreSQL whatever the pass one of its own.</summary>
    public static string ConnectionStringFor(string dataDirectory, string suffix = "") => $"{Server};Database={NameFor(dataDirectory)}{suffix}";

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
