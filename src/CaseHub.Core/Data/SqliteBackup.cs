using Microsoft.Data.Sqlite;

namespace CaseHub.Core.Data;

/// <summary>
/// A consistent online backup of the embedded SQLite database through SQLite's backup API: the app keeps running and
/// the copy is a single point in time, which copying the file (with its WAL) while the app writes is not.
/// </summary>
public static class SqliteBackup
{
    /// <param name="connectionString">The live database.</param>
    /// <param name="targetFile">Where the backup goes; an existing file is replaced.</param>
    public static async Task BackupAsync(string connectionString, string targetFile, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(targetFile);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".partial";
        File.Delete(temporary);

        await using (var source = new SqliteConnection(connectionString))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
        {
            await source.OpenAsync(ct);
            await destination.OpenAsync(ct);
            source.BackupDatabase(destination);
        }

        // Only a complete backup takes the target's name.
        File.Move(temporary, target, overwrite: true);
    }
}
