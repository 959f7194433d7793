using CaseHub.Web.Cli;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CaseHub.Web.Tests.Foundation;

public class BackupCommandTests(CaseHubFactory factory) : IClassFixture<CaseHubFactory>
{
    [Fact]
    public async Task The_backup_verb_writes_a_database_that_opens_with_the_data()
    {
        _ = factory.CreateClient();
        var file = Path.Combine(factory.DataDirectory, "backups", "casehub-backup.db");
        var output = new StringWriter();

        var exit = await CommandLine.RunAsync(factory.Services, ["backup", file], output, new StringWriter());

        Assert.Equal(CommandLine.Ok, exit);
        Assert.Contains("Sikkerhedskopi", output.ToString(), StringComparison.Ordinal);
        await using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        await copy.OpenAsync();
        await using var count = copy.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Patients";
        Assert.True((long)(await count.ExecuteScalarAsync())! > 5);
    }
}
