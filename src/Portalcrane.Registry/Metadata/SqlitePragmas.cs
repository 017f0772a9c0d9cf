using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portalcrane.Registry.Metadata;

/// <summary>
/// SQLite settings that hold per connection: with the write-ahead log, NORMAL sync keeps the
/// database consistent through a crash and fsyncs only at checkpoints.
/// https://www.sqlite.org/pragma.html#pragma_synchronous
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL;";

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
