using System.Diagnostics;
using System.Globalization;
using System.Text;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Benchmarks;

/// <summary>
/// The national-scale measurement behind docs/performance.md: generates 10 years of population, register and admissions
/// extracts, imports them into a fresh SQLite file and times the import, the plainest aggregation (the floor) and the
/// computation. Run: dotnet run -c Release --project tests/CaseHub.Benchmarks -- indicators
/// </summary>
internal static class IndicatorBenchmark
{
    /// <param name="fresh">Generate and import again even when an imported database from an earlier run exists.</param>
    public static async Task RunAsync(bool fresh)
    {
        // Kept between runs (like the other benchmarks' databases) so the computation can be measured again without
        // the minute of generating and importing; the marker is written only after all three imports succeeded.
        var directory = Path.Combine(Path.GetTempPath(), "casehub-bench", "indicators-seed-20240101");
        var marker = Path.Combine(directory, "imported");
        if (fresh && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var options = new DbContextOptionsBuilder<CaseHubDbContext>()
            .UseSqlite($"Data Source={Path.Combine(directory, "bench.db")}", s => s.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly))
            .Options;
        {
            await using var db = new CaseHubDbContext(options);
            await DatabaseInitializer.InitializeAsync(db, TimeProvider.System, withDemoData: false);
            if (!File.Exists(marker))
            {
                await db.IndicatorResults.ExecuteDeleteAsync();
                var municipalities = await db.Organizations.Where(o => o.Kind == OrganizationKind.Municipality).Select(o => o.Code).ToListAsync();
                var (population, register, admissions) = Generate(municipalities, new Random(20240101));
                var import = new IndicatorImport(db);
                await Time("import population", async () => Report(await import.ImportAsync(ImportKind.Population, Stream(population))));
                await Time("import register", async () => Report(await import.ImportAsync(ImportKind.Register, Stream(register))));
                await Time("import admissions", async () => Report(await import.ImportAsync(ImportKind.Admissions, Stream(admissions))));
                await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                Console.WriteLine($"Reusing the imported extracts in {directory} (--fresh to generate and import again)");
                await Time("clear stored results", async () => $"{await db.IndicatorResults.ExecuteDeleteAsync()} rows");
            }
        }

        {
            // A new context, as a nightly job gets: nothing from the import is cached or tracked.
            await using var db = new CaseHubDbContext(options);

            for (var run = 1; run <= 2; run++)
            {
                await Time($"floor: GROUP BY type, year (run {run})", async () =>
                    $"{(await db.RegisterMeasures.GroupBy(m => new { m.Type, m.Year }).Select(g => new { g.Key.Type, g.Key.Year, Count = g.Count() }).ToListAsync()).Count} groups");
            }

            // The plainest aggregation that yields one of the figures: distinct persons need the person in the grouping.
            for (var run = 1; run <= 2; run++)
            {
                await Time($"distinct persons per type, year, municipality, age (run {run})", async () =>
                    $"{(await db.RegisterMeasures.GroupBy(m => new { m.Type, m.Year, m.MunicipalityCode, m.IsChild }).Select(g => new { g.Key.Type, g.Key.Year, Persons = g.Select(m => m.PersonKey).Distinct().Count() }).ToListAsync()).Count} groups");
            }

            // Run 1 inserts every result in a fresh process (the command-line verb), run 2 finds nothing changed, and run
            // 3 inserts everything again in a warm process (the nightly job after a year's extract replaced the data).
            for (var run = 1; run <= 3; run++)
            {
                if (run == 3)
                {
                    await db.IndicatorResults.ExecuteDeleteAsync();
                }

                await Time($"compute (run {run})", async () =>
                {
                    var summary = await new ComputeIndicators(db, TimeProvider.System).RunAsync();
                    var phases = string.Join(", ", summary.Phases.Select(p => FormattableString.Invariant($"{p.Name} {p.Elapsed.TotalSeconds:0.00}/{p.ProcessCpu.TotalSeconds:0.00}")));
                    return $"{summary.Cells} cells, {summary.Inserted} inserted, {summary.Updated} updated; CPU {summary.Phases.Sum(p => p.ProcessCpu.TotalSeconds):0.00} s (phases, wall/CPU s: {phases})";
                });
            }
        }
    }

    private static async Task Time(string step, Func<Task<string>> action)
    {
        // Wall time and the process's CPU time: on a machine shared with other work the CPU time is the steadier figure.
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var what = await action();
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        Console.WriteLine(FormattableString.Invariant($"{step,-62} {elapsed.TotalSeconds,7:0.00} s (CPU {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} s)  {what}"));
    }

    private static string Report(ImportResult result) =>
        result.Succeeded ? $"{result.Rows} rows" : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors.Take(5)));

    private static MemoryStream Stream(StringBuilder text) => new(Encoding.UTF8.GetBytes(text.ToString()));

    // 10 years x 4 quarters x 98 municipalities x ages 0-114; 60,000 register rows a year over 40,000 person keys and all 7
    // types, regions and municipalities at random (a worst case for the grouping); 300,000 admissions.
    private static (StringBuilder Population, StringBuilder Register, StringBuilder Admissions) Generate(List<string> municipalities, Random random)
    {
        static DateTime AvoidSpringGap(DateTime local) => local.Hour == 2 ? local.AddHours(1) : local;

        var population = new StringBuilder("year;quarter;municipality_code;age;count\n");
        for (var year = 2015; year <= 2024; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                foreach (var m in municipalities)
                {
                    for (var age = 0; age <= 114; age++)
                    {
                        population.Append(CultureInfo.InvariantCulture, $"{year};{quarter};{m};{age};{random.Next(0, 800)}\n");
                    }
                }
            }
        }

        var types = IndicatorCatalog.TypeCodes.Keys.ToArray();
        var register = new StringBuilder("measure_id;person_key;birth_date;municipality_code;region_code;ward_sor;type;start;end\n");
        var id = 0;
        for (var year = 2015; year <= 2024; year++)
        {
            for (var i = 0; i < 60_000; i++)
            {
                var start = AvoidSpringGap(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(random.Next(0, 525_000)));
                var type = types[random.Next(types.Length)];
                var end = type == "baeltefiksering"
                    ? AvoidSpringGap(start.AddMinutes(random.Next(10, 3000))).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
                    : string.Empty;
                register.Append(CultureInfo.InvariantCulture,
                    $"M{++id};P{random.Next(0, 40_000)};{1940 + random.Next(0, 70)}-0{random.Next(1, 10)}-1{random.Next(0, 10)};{municipalities[random.Next(municipalities.Count)]};108{random.Next(1, 6)};6121000016002;{type};{start:yyyy-MM-ddTHH:mm:ss};{end}\n");
            }
        }

        var admissions = new StringBuilder("admission_id;person_key;birth_date;municipality_code;region_code;ward_sor;start;end;legal_basis\n");
        for (var i = 0; i < 300_000; i++)
        {
            var start = AvoidSpringGap(new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(random.Next(0, 5_250_000)));
            var end = AvoidSpringGap(start.AddDays(random.Next(1, 60)));
            admissions.Append(CultureInfo.InvariantCulture,
                $"A{i};P{random.Next(0, 60_000)};1970-01-01;{municipalities[random.Next(municipalities.Count)]};108{random.Next(1, 6)};1;{start:yyyy-MM-ddTHH:mm:ss};{end:yyyy-MM-ddTHH:mm:ss};frivillig\n");
        }

        return (population, register, admissions);
    }
}
