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
        await ReferenceData.SeedAsync(db, ct);
        if (withDemoData)
        {
            await DemoData.SeedAsync(db, clock, ct);
        }
    }
}
