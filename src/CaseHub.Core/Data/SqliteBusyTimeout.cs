using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaseHub.Core.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock. Without a busy timeout, Microsoft.Data.Sqlite answers SQLITE_BUSY by
/// sleeping 150 ms before each retry, so concurrent page views that each write an audit entry queued for seconds.
/// SQLite's own handler retries after 1, 2, 5, 10... ms.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
