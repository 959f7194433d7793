using CaseHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CaseHub.Core.Tests;

/// <summary>
/// A real SQLite database in memory, migrated and loaded with reference and demo data, with a clock tests can move.
/// Each test gets its own; it lives as long as the connection.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection connection;
    private readonly string? file;

    private TestDatabase(SqliteConnection connection, FakeTimeProvider clock, string? file)
    {
        this.connection = connection;
        this.file = file;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    /// <param name="now">The instant the clock starts at; default 2026-03-02 10:00 UTC (a Monday).</param>
    /// <param name="withDemoData">Load the demo users and patients too.</param>
    /// <param name="onDisk">A database file with a connection per context, for tests of concurrent writers.</param>
    public static async Task<TestDatabase> CreateAsync(DateTimeOffset? now = null, bool withDemoData = true, bool onDisk = false)
    {
        var file = onDisk ? Path.Combine(Path.GetTempPath(), $"casehub-test-{Guid.NewGuid():N}.db") : null;
        var connection = new SqliteConnection(file is null ? "Data Source=:memory:" : $"Data Source={file}");
        await connection.OpenAsync();
        var db = new TestDatabase(connection, new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)), file);
        await using var context = db.NewContext();
        await DatabaseInitializer.InitializeAsync(context, db.Clock, withDemoData);
        return db;
    }

    /// <summary>A fresh context on the same database, as a new request would get.</summary>
    public CaseHubDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<CaseHubDbContext>();
        if (file is null)
        {
            options.UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly));
        }
        else
        {
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file};Pooling=false");
        }

        return new CaseHubDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        if (file is not null)
        {
            File.Delete(file);
        }
    }
}
