using System.Diagnostics;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseHub.Benchmarks;

/// <summary>The figures of one flag benchmark run, in milliseconds.</summary>
/// <remarks>CPU figures are this process's CPU time over the same span: unlike wall time they barely depend on how busy the machine is.</remarks>
/// <param name="PerRule">Each rule's own full steady-state evaluation, slowest first: where to look next.</param>
internal sealed record FlagRun(
    double FirstFull, double SteadyFull, double OnePatientMedian, double OnePatientMax, int OpenFlags, int Patients,
    double FirstFullCpu, double SteadyFullCpu, double OnePatientCpuMedian, IReadOnlyList<(string Rule, double Ms)> PerRule);

/// <summary>
/// Flag evaluation on the generated national database, through the real evaluator and rules: a full evaluation from an
/// empty flag table (every flag raised), a second one with nothing changed (what the 15-minute job does), and the
/// evaluation for one patient just after a hospital notification discharged them (what a notification triggers).
/// </summary>
internal static class FlagBenchmark
{
    public static async Task<FlagRun> RunAsync(string databaseFile, int notifications = 20)
    {
        var services = new ServiceCollection();
        services.AddDbContext<CaseHubDbContext>(o => DatabaseSetup.Configure(o, DatabaseProvider.Sqlite, $"Data Source={databaseFile}"));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<FlagSettings>();
        services.AddFlagEvaluation();
        await using var provider = services.BuildServiceProvider();

        using var process = Process.GetCurrentProcess();
        async Task<(double Wall, double Cpu)> TimedAsync(Func<FlagEvaluator, Task> run)
        {
            await using var scope = provider.CreateAsyncScope();
            var evaluator = scope.ServiceProvider.GetRequiredService<FlagEvaluator>();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await run(evaluator);
            var wall = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        List<Guid> current;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseHubDbContext>();
            await db.Database.MigrateAsync(); // as the app does at start-up, for a database generated before the newest migration
            await db.Flags.ExecuteDeleteAsync();
            // Current target-group admissions: the patients a discharge notification would concern.
            current = await db.Admissions.Where(a => a.End == null).OrderBy(a => a.Id).Select(a => a.Id).Take(notifications).ToListAsync();
        }

        var first = await TimedAsync(e => e.EvaluateAsync());
        var steady = await TimedAsync(e => e.EvaluateAsync());
        var perRule = new List<(string Rule, double Ms)>();
        await using (var scope = provider.CreateAsyncScope())
        {
            foreach (var rule in scope.ServiceProvider.GetRequiredService<FlagEvaluator>().Rules.Select(r => r.Id))
            {
                perRule.Add((rule, (await TimedAsync(e => e.EvaluateAsync([rule]))).Wall));
            }
        }

        var perPatient = new List<(double Wall, double Cpu)>();
        foreach (var admissionId in current)
        {
            Guid patientId;
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CaseHubDbContext>();
                var admission = await db.Admissions.SingleAsync(a => a.Id == admissionId);
                admission.End = DateTime.UtcNow; // the discharge the notification reports
                await db.SaveChangesAsync();
                patientId = admission.PatientId;
            }

            perPatient.Add(await TimedAsync(e => e.EvaluateAsync(patientIds: [patientId])));
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseHubDbContext>();
            // Leave the database as generated: the admissions current again and no flags, so reruns measure the same.
            await db.Admissions.Where(a => current.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.End, (DateTime?)null));
            var open = await db.Flags.CountAsync(f => f.ResolvedAt == null);
            await db.Flags.ExecuteDeleteAsync();
            var walls = perPatient.Select(p => p.Wall).Order().ToList();
            var cpus = perPatient.Select(p => p.Cpu).Order().ToList();
            double Median(List<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
            return new FlagRun(first.Wall, steady.Wall, Median(walls), walls.LastOrDefault(), open, perPatient.Count, first.Cpu, steady.Cpu, Median(cpus),
                perRule.OrderByDescending(r => r.Ms).ToList());
        }
    }
}
