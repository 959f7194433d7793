using CaseHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CaseHub.Core.Tests.Data;

public class SqliteBackupTests
{
    [Fact]
    public async Task An_online_backup_restores_to_a_working_database_with_the_data()
    {
        var folder = Directory.CreateTempSubdirectory("casehub-backup-").FullName;
        var live = $"Data Source={Path.Combine(folder, "casehub.db")}";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

        await using (var db = Context(live))
        {
            await DatabaseInitializer.InitializeAsync(db, clock, withDemoData: true);
        }

        // The backup is taken while another connection holds the database open and has written to it.
        await using var writer = Context(live);
        var patient = await writer.Patients.FirstAsync(p => p.Cpr == "1203851236");
        patient.Phone = "11 22 33 44";
        await writer.SaveChangesAsync();
        var backup = Path.Combine(folder, "backups", "casehub-2026-03-02.db");
        await SqliteBackup.BackupAsync(live, backup);

        // Restore: the backup file becomes the database of a fresh data directory.
        var restoredFolder = Path.Combine(folder, "restored");
        Directory.CreateDirectory(restoredFolder);
        File.Copy(backup, Path.Combine(restoredFolder, "casehub.db"));
        await using var restored = Context($"Data Source={Path.Combine(restoredFolder, "casehub.db")}");
        await DatabaseInitializer.InitializeAsync(restored, clock, withDemoData: true);

        Assert.Equal("11 22 33 44", (await restored.Patients.SingleAsync(p => p.Cpr == "1203851236")).Phone);
        Assert.Equal(await writer.Patients.CountAsync(), await restored.Patients.CountAsync());
        Assert.False(File.Exists(backup + ".partial"));
        SqliteConnection.ClearAllPools();
    }

    private static CaseHubDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CaseHubDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, connectionString);
        return new CaseHubDbContext(options.Options);
    }
}
