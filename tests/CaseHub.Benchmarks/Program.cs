using System.Globalization;
using CaseHub.Benchmarks.Generator;
using CaseHub.Benchmarks.Harness;

namespace CaseHub.Benchmarks;

/// <summary>The command line: generate, startup, load or all (see the help text).</summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // dotnet run -c Release --project tests/CaseHub.Benchmarks -- <generate|startup|load|flags|fhir|indicators|all> [--scale X] [--seed N] [--seconds S] [--users U] [--connections C]
        var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "help";
        string? Option(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
        var scale = double.Parse(Option("scale") ?? "1", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option("seed") ?? "20260301", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option("seconds") ?? "30", CultureInfo.InvariantCulture);
        var users = int.Parse(Option("users") ?? "16", CultureInfo.InvariantCulture);
        var connections = int.Parse(Option("connections") ?? "8", CultureInfo.InvariantCulture);
        var dataDirectory = Paths.DataDirectory(scale, seed);
        var database = Path.Combine(dataDirectory, "casehub.db");
        var runLine = $"dotnet run -c Release --project tests/CaseHub.Benchmarks -- {{0}} --scale {scale.ToString(CultureInfo.InvariantCulture)}";
        string F(double value, string unit) => value.ToString("F0", CultureInfo.InvariantCulture) + " " + unit;

        switch (command)
        {
            case "generate":
                await GenerateAsync(force: true);
                break;
            case "startup":
                await GenerateAsync(force: false);
                await StartupAsync();
                break;
            case "load":
                await GenerateAsync(force: false);
                await LoadAsync();
                break;
            case "flags":
                await GenerateAsync(force: false);
                await FlagsAsync();
                break;
            case "fhir":
                await GenerateAsync(force: false);
                await FhirAsync();
                break;
            case "indicators":
                await IndicatorBenchmark.RunAsync(fresh: args.Contains("--fresh"));
                break;
            case "all":
                await GenerateAsync(force: true);
                await StartupAsync();
                await LoadAsync();
                await FlagsAsync();
                await FhirAsync();
                break;
            default:
                Console.WriteLine("""
                    CaseHub benchmarks (issue 9). Results are printed and appended to docs/performance.md.
                      generate   write the database for --scale (1 = national, ten years) and time the load (target < 2 min)
                      startup    start the app on the existing database until the first page is served (target < 3 s), three times
                      load       16 users for 30 s on loopback (--users, --seconds): case page p95 < 50 ms, Indbakke and
                                 Mine patienter p95 < 100 ms, no errors; and the app's peak working set (target < 500 MB)
                      flags      the real flag rules on that database: full evaluation (target < 2 s, from empty and again with
                                 nothing changed) and one patient after a discharge notification (target < 50 ms, median of 20)
                      fhir       the FHIR API, 8 connections (--connections) with bearer tokens, after a 15 s warm-up each
                                 operation alone for --seconds: read CarePlan by id (target >= 9,000/s), search
                                 CarePlan?patient=X&status=active&_include=CarePlan:care-team (target p99 < 20 ms), create
                                 Patient, transaction Bundle of 20 Patients (target >= 1,000/s); no errors. Works on a copy
                                 of the database, with the API rate limit raised (see docs/performance.md)
                      indicators national register, population and admissions extracts for ten years: import, the floor
                                 (the plainest aggregation) and the full computation (target < 10 s and within 1.5 x the floor); the
                                 imported extracts are kept for the next run unless --fresh
                      all        generate, startup, load, flags and fhir
                    Options: --scale X (default 1), --seed N; databases are kept under the temp folder per scale and seed.
                    """);
                return 1;
        }

        return 0;

        async Task GenerateAsync(bool force)
        {
            if (!force && File.Exists(database))
            {
                Console.WriteLine($"Using {database}");
                return;
            }

            Console.WriteLine($"Generating scale {scale.ToString(CultureInfo.InvariantCulture)} into {database}");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var report = await NationalData.GenerateAsync(database, new GeneratorOptions(scale, seed, today), Console.Out);
            Console.WriteLine(report);
            var size = new FileInfo(database).Length / (1024.0 * 1024);
            PerformanceLog.Append("Generating the data", string.Format(CultureInfo.InvariantCulture, runLine, "generate"), scale,
            [
                ("Load time (" + F(report.Rows.Values.Sum() / 1000.0, "k rows") + ", " + F(size, "MB") + ")", F(report.Elapsed.TotalSeconds, "s"), "< 120 s", report.Elapsed.TotalSeconds < 120),
            ]);
        }

        async Task StartupAsync()
        {
            var times = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                await using var app = await AppProcess.StartAsync(dataDirectory);
                times.Add(app.StartupTime.TotalMilliseconds);
                Console.WriteLine($"Start-up to first page: {app.StartupTime.TotalMilliseconds:F0} ms");
            }

            var median = times.Order().ElementAt(1);
            PerformanceLog.Append("Start-up to first served page", string.Format(CultureInfo.InvariantCulture, runLine, "startup"), scale,
            [
                ("Median of 3 starts (slowest " + F(times.Max(), "ms") + ")", F(median, "ms"), "< 3000 ms", median < 3000),
            ]);
        }

        async Task FlagsAsync()
        {
            var run = await FlagBenchmark.RunAsync(database);
            Console.WriteLine($"Flags: full from empty {run.FirstFull:F0} ms (CPU {run.FirstFullCpu:F0} ms; {run.OpenFlags} open), full again {run.SteadyFull:F0} ms " +
                $"(CPU {run.SteadyFullCpu:F0} ms), one patient after a discharge: median {run.OnePatientMedian:F1} ms (CPU {run.OnePatientCpuMedian:F1} ms), " +
                $"max {run.OnePatientMax:F1} ms ({run.Patients} patients)");
            Console.WriteLine("  full, per rule: " + string.Join(", ", run.PerRule.Select(r => $"{r.Rule} {r.Ms:F0} ms")));
            PerformanceLog.Append("Flag evaluation", string.Format(CultureInfo.InvariantCulture, runLine, "flags"), scale,
            [
                ($"Full, from an empty flag table ({run.OpenFlags} flags raised; CPU {F(run.FirstFullCpu, "ms")})", F(run.FirstFull, "ms"), "< 2000 ms", run.FirstFull < 2000),
                ($"Full, nothing changed since the last run (CPU {F(run.SteadyFullCpu, "ms")})", F(run.SteadyFull, "ms"), "< 2000 ms", run.SteadyFull < 2000),
                ($"One patient after a discharge notification (median of {run.Patients}; max {run.OnePatientMax.ToString("F1", CultureInfo.InvariantCulture)} ms; CPU median {run.OnePatientCpuMedian.ToString("F1", CultureInfo.InvariantCulture)} ms)",
                    run.OnePatientMedian.ToString("F1", CultureInfo.InvariantCulture) + " ms", "< 50 ms", run.OnePatientMedian < 50),
            ]);
        }

        async Task FhirAsync()
        {
            // The run creates thousands of patients (and brings the FHIR history of what it reads up to date): it works on
            // a scratch copy, so the generated database stays as generated for the other benchmarks and the next run.
            var scratch = dataDirectory + "-fhir-scratch";
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }

            Directory.CreateDirectory(scratch);
            var copying = System.Diagnostics.Stopwatch.StartNew();
            foreach (var suffix in new[] { string.Empty, "-wal" })
            {
                if (File.Exists(database + suffix))
                {
                    File.Copy(database + suffix, Path.Combine(scratch, "casehub.db" + suffix));
                }
            }

            Console.WriteLine($"Copied {database} to {scratch} in {copying.Elapsed.TotalSeconds:F0} s");
            try
            {
                await FhirRunAsync(scratch);
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        async Task FhirRunAsync(string scratch)
        {
            // The API's rate limit (CaseHub:Limits:ApiRequestsPerMinute, 3,000 a minute per user) would turn most of the
            // benchmark's requests into 429s: raised for this process only, so the figures are the API's own cost.
            FhirRun run;
            double peak;
            await using (var app = await AppProcess.StartAsync(scratch, new Dictionary<string, string> { ["CaseHub__Limits__ApiRequestsPerMinute"] = "1000000000" }))
            {
                run = await FhirLoadTest.RunAsync(app, Path.Combine(scratch, "casehub.db"), connections, TimeSpan.FromSeconds(seconds));
                peak = app.PeakWorkingSet / (1024.0 * 1024);
            }

            foreach (var r in run.Operations)
            {
                Console.WriteLine($"{r.Operation,-48} {r.PerSecond,7:F0}/s  {r.Requests,7} requests  {r.Errors} errors  p50 {r.P50,6:F1} ms  p99 {r.P99,6:F1} ms  " +
                    $"max {r.Max,7:F1} ms  app CPU {r.AppCpuMsPerRequest:F2} ms/request");
            }

            Console.WriteLine($"{run.PlansPerSearch:F1} active plans per search (patients with one); peak working set {peak:F0} MB");
            string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " ms";
            string Detail(FhirResult r) => $"{connections} connections {F(r.Seconds, "s")} ({r.Requests} requests, {r.Errors} errors, p50 {Ms(r.P50)}, p99 {Ms(r.P99)}, " +
                $"{F(r.PerSecond, "requests/s")}; app CPU {r.AppCpuMsPerRequest.ToString("F2", CultureInfo.InvariantCulture)} ms per request)";
            var rows = new List<(string, string, string, bool?)>();
            foreach (var r in run.Operations)
            {
                rows.Add(r.Operation switch
                {
                    FhirLoadTest.Read => ($"Read by id, GET /fhir/CarePlan/{{id}} ({run.ReadTargets} plans), {Detail(r)}",
                        F(r.PerSecond, "requests/s"), ">= 9000 requests/s, 0 errors", r.PerSecond >= 9000 && r.Errors == 0),
                    FhirLoadTest.Search => ($"Search GET /fhir/CarePlan?patient=X&status=active&_include=CarePlan:care-team ({run.SearchTargets} patients with an active plan, " +
                        $"{run.PlansPerSearch.ToString("F1", CultureInfo.InvariantCulture)} matches each on average) p99, {Detail(r)}",
                        Ms(r.P99), "p99 < 20 ms, 0 errors", r.P99 < 20 && r.Errors == 0),
                    FhirLoadTest.Create => ($"Create, POST /fhir/Patient, {Detail(r)}", F(r.PerSecond, "requests/s"), "0 errors", r.Errors == 0),
                    _ => ($"Transaction, POST /fhir with a Bundle of {FhirLoadTest.EntriesPerTransaction} Patients, {Detail(r)}",
                        F(r.PerSecond, "transactions/s"), ">= 1000 transactions/s, 0 errors", r.PerSecond >= 1000 && r.Errors == 0),
                });
            }

            rows.Add(($"Peak working set of the app during the FHIR run", F(peak, "MB"), "< 500 MB", peak < 500));
            PerformanceLog.Append("FHIR API", string.Format(CultureInfo.InvariantCulture, runLine, "fhir"), scale, rows);
        }

        async Task LoadAsync()
        {
            await using var app = await AppProcess.StartAsync(dataDirectory);
            var run = await LoadTest.RunAsync(app, database, users, TimeSpan.FromSeconds(seconds));
            var results = run.Pages;
            var total = results.Sum(r => r.Requests);
            foreach (var r in results)
            {
                Console.WriteLine($"{r.Page,-16} {r.Requests,7} requests  {r.Errors} errors  p50 {r.P50,6:F1} ms  p95 {r.P95,6:F1} ms  max {r.Max,7:F1} ms  (target p95 < {r.TargetP95} ms)");
            }

            var peak = app.PeakWorkingSet / (1024.0 * 1024);
            Console.WriteLine($"{total / (double)seconds:F0} requests/s; app CPU {run.AppCpuMsPerRequest:F1} ms per request; peak working set {peak:F0} MB");
            PerformanceLog.Append("Pages under load", string.Format(CultureInfo.InvariantCulture, runLine, "load"), scale,
                results.Select(r => (
                    $"{r.Page} p95, {users} users {seconds} s ({r.Requests} requests, {r.Errors} errors, p50 {r.P50.ToString("F1", CultureInfo.InvariantCulture)} ms)",
                    r.P95.ToString("F1", CultureInfo.InvariantCulture) + " ms", $"< {r.TargetP95} ms, 0 errors", (bool?)(r.P95 < r.TargetP95 && r.Errors == 0)))
                .Append(($"App CPU per request, all pages (machine-independent cost; {F(total / (double)seconds, "requests/s")})",
                    F(run.AppCpuMsPerRequest, "ms"), "–", (bool?)null)));
            PerformanceLog.Append("Peak working set", string.Format(CultureInfo.InvariantCulture, runLine, "load"), scale,
            [
                ($"App process during the load run ({F(total / (double)seconds, "requests/s")})", F(peak, "MB"), "< 500 MB", peak < 500),
            ]);
        }
    }
}
