using Microsoft.EntityFrameworkCore;
using System.Text;
using CaseHub.Core.Indicators;

namespace CaseHub.Web.Cli;

/// <summary>
/// Command-line verbs for scheduled automation, run instead of the web server:
/// <c>import &lt;population|register|admissions&gt; &lt;file&gt;</c>, <c>indicators compute</c> and
/// <c>indicators export &lt;file&gt; [--published]</c>. Each exits 0 on success and non-zero with the reason on failure.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string UsageText =
        "Brug: import <population|register|admissions> <fil> | indicators compute | indicators export <fil> [--published] | backup <fil>";

    /// <summary>Whether the arguments ask for a verb rather than the web server.</summary>
    public static bool IsCommand(string[] args) => args is ["import", ..] or ["indicators", ..] or ["backup", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        try
        {
            return args switch
            {
                ["import", var kind, var file] => await ImportAsync(provider, kind, file, output, error, ct),
                ["indicators", "compute"] => await ComputeAsync(provider, output, error, ct),
                ["indicators", "export", var file] => await ExportAsync(provider, file, published: false, output, ct),
                ["indicators", "export", var file, "--published"] => await ExportAsync(provider, file, published: true, output, ct),
                ["backup", var file] => await BackupAsync(provider, file, output, error, ct),
                _ => await UsageAsync(error),
            };
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"Filen kunne ikke læses eller skrives: {e.Message}");
            return Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            await error.WriteLineAsync($"Ingen adgang til filen: {e.Message}");
            return Failed;
        }
        catch (System.Data.Common.DbException e)
        {
            await error.WriteLineAsync($"Databasen afviste ændringen, så intet er gemt (kører en anden import eller beregning samtidig?): {e.Message}");
            return Failed;
        }
    }

    /// <summary>A consistent online backup of the embedded SQLite database; SQL Server is backed up by its own tools.</summary>
    private static async Task<int> BackupAsync(IServiceProvider provider, string file, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var db = provider.GetRequiredService<Core.Data.CaseHubDbContext>();
        if (!db.Database.IsSqlite())
        {
            await error.WriteLineAsync("backup gælder den indbyggede SQLite-database; SQL Server sikkerhedskopieres med BACKUP DATABASE (se docs/operations.md).");
            return Failed;
        }

        await Core.Data.SqliteBackup.BackupAsync(db.Database.GetConnectionString()!, file, ct);
        await output.WriteLineAsync($"Sikkerhedskopi skrevet til {Path.GetFullPath(file)}");
        return Ok;
    }

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(UsageText);
        return Usage;
    }

    private static async Task<int> ImportAsync(IServiceProvider provider, string kindText, string file, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ImportKind? kind = kindText switch
        {
            "population" => ImportKind.Population,
            "register" => ImportKind.Register,
            "admissions" => ImportKind.Admissions,
            _ => null,
        };
        if (kind is null)
        {
            await error.WriteLineAsync($"Ukendt filtype '{kindText}'. {UsageText}");
            return Usage;
        }

        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"Filen '{file}' findes ikke.");
            return Failed;
        }

        await using var stream = File.OpenRead(file);
        var result = await provider.GetRequiredService<IndicatorImport>().ImportAsync(kind.Value, stream, ct);
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"{file} blev ikke importeret: {result.Errors.Count} rækker har fejl; intet er gemt.");
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync(problem.ToString());
            }

            return Failed;
        }

        await output.WriteLineAsync($"{IndicatorImport.Danish(kind.Value)}: {result.Rows} rækker importeret fra {file}.");
        return Ok;
    }

    private static async Task<int> ComputeAsync(IServiceProvider provider, TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            var summary = await provider.GetRequiredService<ComputeIndicators>().RunAsync(ct);
            await output.WriteLineAsync(
                $"Indikatorerne er beregnet for {(summary.Years.Count == 0 ? "ingen år" : string.Join(", ", summary.Years))}: {summary.Cells} tal ({summary.Inserted} nye, {summary.Updated} ændrede, {summary.Deleted} fjernede) på {summary.Elapsed.TotalSeconds:0.0} s.");
            return Ok;
        }
        catch (IndicatorComputationException e)
        {
            await error.WriteLineAsync(e.Message);
            return Failed;
        }
    }

    private static async Task<int> ExportAsync(IServiceProvider provider, string file, bool published, TextWriter output, CancellationToken ct)
    {
        int rows;
        await using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            rows = await provider.GetRequiredService<IndicatorExport>().WriteAsync(writer, published, ct);
        }

        await output.WriteLineAsync($"{rows} rækker {(published ? "til offentliggørelse" : "med eksakte tal")} skrevet til {file}.");
        return Ok;
    }
}
