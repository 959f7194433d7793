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

    private TestDatabase(SqliteConnection connection, FakeTimeProvider clock)
    {
        this.connection = connection;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    /// <param name="now">The instant the clock starts at; default 2026-03-02 10:00 UTC (a Monday).</param>
    /// <param name="withDemoData">Load the demo users and patients too.</param>
    public static async Task<TestDatabase> CreateAsync(DateTimeOffset? now = null, bool withDemoData = true)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var db = new TestDatabase(connection, new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)));
        await using var context = db.NewContext();
        await DatabaseInitializer.InitializeAsync(context, db.Clock, withDemoData);
        return db;
    }

    /// <summary>A fresh context on the same database, as a new request would get.</summary>
    public CaseHubDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<CaseHubDbContext>();
        options.UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly));
        return new CaseHubDbContext(options.Options);
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
