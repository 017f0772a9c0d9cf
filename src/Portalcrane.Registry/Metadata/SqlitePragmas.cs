using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portalcrane.Registry.Metadata;

/// <summary>
/// SQLite settings that hold per connection: with the write-ahead log, NORMAL sync keeps the
/// database consistent through a crash and fsyncs only at checkpoints; a writer that finds the
/// database locked waits in SQLite's own busy handler (retries within milliseconds) rather than
/// in the driver's fallback loop, which sleeps 150 ms per retry and stalls concurrent pushes.
/// https://www.sqlite.org/pragma.html#pragma_synchronous
/// https://www.sqlite.org/pragma.html#pragma_busy_timeout
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
