using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Data;

/// <summary>
/// Brings the database to the current schema and loads reference (and optionally demo) data. EF Core takes a
/// database lock while migrating, so instances that start together do not migrate twice.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(CaseHubDbContext db, TimeProvider clock, bool withDemoData, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers no longer block the audit write every request makes, which in the default
            // rollback journal failed page views with "database is locked" under 16 concurrent users (docs/performance.md).
            // The mode is stored in the database file, so this is a no-op after the first start.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }

        await ReferenceData.SeedAsync(db, ct);
        if (withDemoData)
        {
            await DemoData.SeedAsync(db, clock, ct);
        }
    }
}
