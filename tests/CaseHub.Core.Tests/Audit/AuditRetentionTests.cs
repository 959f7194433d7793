using CaseHub.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Tests.Audit;

public class AuditRetentionTests
{
    [Fact]
    public async Task Entries_older_than_the_retention_period_are_deleted_in_batches_and_younger_ones_kept()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        await AddEntriesAsync(database, [
            now.AddYears(-12), now.AddYears(-11), now.AddYears(-10).AddDays(-1), now.AddYears(-10).AddMinutes(-1), now.AddYears(-11).AddDays(3),
            now.AddYears(-10).AddDays(1), now.AddYears(-3), now]);

        await using var db = database.NewContext();
        var deleted = await Job(db, database, years: 10, batchSize: 2).RunAsync();

        Assert.Equal(5, deleted);
        var left = await database.NewContext().AuditEntries.Select(e => e.At).ToListAsync();
        Assert.Equal(3, left.Count);
        Assert.All(left, at => Assert.True(at >= now.AddYears(-10)));
    }

    [Fact]
    public async Task An_entry_is_deleted_only_once_the_clock_passes_its_retention_period()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        await AddEntriesAsync(database, [now.AddYears(-9)]);

        Assert.Equal(0, await Job(database.NewContext(), database, years: 10).RunAsync());
        Assert.Equal(1, await database.NewContext().AuditEntries.CountAsync());

        database.Clock.Advance(TimeSpan.FromDays(366));
        Assert.Equal(1, await Job(database.NewContext(), database, years: 10).RunAsync());
        Assert.Equal(0, await database.NewContext().AuditEntries.CountAsync());
    }

    [Fact]
    public async Task The_retention_years_come_from_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        await AddEntriesAsync(database, [now.AddYears(-3), now.AddYears(-1)]);

        Assert.Equal(1, await Job(database.NewContext(), database, years: 2).RunAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Job(database.NewContext(), database, years: 0).RunAsync());
        Assert.Equal(1, await database.NewContext().AuditEntries.CountAsync());
    }

    [Fact]
    public async Task The_app_still_cannot_delete_or_change_a_single_entry()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await AddEntriesAsync(database, [database.Clock.GetUtcNow().UtcDateTime.AddYears(-20)]);

        await using var db = database.NewContext();
        var entry = await db.AuditEntries.SingleAsync();
        db.AuditEntries.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    private static AuditRetentionJob Job(CaseHub.Core.Data.CaseHubDbContext db, TestDatabase database, int years, int batchSize = 5000) =>
        new(db, database.Clock, Options.Create(new AuditRetentionSettings { RetentionYears = years, BatchSize = batchSize }), NullLogger<AuditRetentionJob>.Instance);

    private static async Task AddEntriesAsync(TestDatabase database, DateTime[] times)
    {
        await using var db = database.NewContext();
        db.AuditEntries.AddRange(times.Select(at => new AuditEntry
        {
            At = at, Username = "test", UserDisplayName = "Test", Action = "read", DataKind = "Case", Rule = "test",
        }));
        await db.SaveChangesAsync();
    }
}
