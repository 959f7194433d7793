using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Tests.Flags;

/// <summary>The evaluator's bookkeeping, with a rule that flags every admission whose planned discharge has passed.</summary>
public class FlagEvaluatorTests
{
    private sealed class OverdueDischargeRule : IFlagRule
    {
        public string Id => "test-overdue-discharge";

        public string Name => "Udskrivning overskredet";

        public async Task<IReadOnlyList<FlagCandidate>> FindAsync(FlagContext context, CancellationToken ct) =>
            await context.ForPatients(context.Db.Admissions, a => a.PatientId)
                .Where(a => a.End == null && a.PlannedDischargeDate < context.Today)
                .Select(a => new FlagCandidate(a.PatientId, "admission", a.Id, a.WardId, null, a.PlannedDischargeDate, "Planlagt udskrivning er overskredet"))
                .ToListAsync(ct);
    }

    private static FlagEvaluator Evaluator(TestDatabase test, CaseHubDbContext db) =>
        new(db, [new OverdueDischargeRule()], test.Clock, Options.Create(new FlagSettings()));

    [Fact]
    public async Task Raises_once_resolves_when_the_condition_clears_and_reopens_the_same_flag()
    {
        await using var test = await TestDatabase.CreateAsync();
        test.Clock.Advance(TimeSpan.FromDays(4)); // Mette's planned discharge (in 2 days) has passed; nobody else's has.

        await using (var db = test.NewContext())
        {
            var run = Assert.Single(await Evaluator(test, db).EvaluateAsync());
            Assert.Equal(1, run.Raised);
        }

        await using (var db = test.NewContext())
        {
            Assert.Equal(0, Assert.Single(await Evaluator(test, db).EvaluateAsync()).Raised); // idempotent
            Assert.Equal(1, await db.Flags.CountAsync());
        }

        // The ward moves the planned discharge: the flag resolves by itself.
        Guid flagId;
        await using (var db = test.NewContext())
        {
            var admission = await db.Admissions.SingleAsync(a => a.Patient!.Cpr == "1203851236");
            admission.PlannedDischargeDate = DateOnly.FromDateTime(test.Clock.GetUtcNow().UtcDateTime).AddDays(3);
            await db.SaveChangesAsync();
            Assert.Equal(1, Assert.Single(await Evaluator(test, db).EvaluateAsync()).Resolved);
            var flag = await db.Flags.SingleAsync();
            Assert.NotNull(flag.ResolvedAt);
            Assert.Null(flag.ResolvedBy);
            flagId = flag.Id;
        }

        // Time passes again: the same row opens again rather than a second flag for the same admission.
        test.Clock.Advance(TimeSpan.FromDays(4));
        await using (var db = test.NewContext())
        {
            await Evaluator(test, db).EvaluateAsync();
            var flag = await db.Flags.SingleAsync(f => f.Patient!.Cpr == "1203851236");
            Assert.Equal(flagId, flag.Id);
            Assert.Null(flag.ResolvedAt);
        }
    }

    [Fact]
    public async Task Two_evaluations_at_once_never_duplicate_a_flag()
    {
        await using var test = await TestDatabase.CreateAsync(onDisk: true);
        test.Clock.Advance(TimeSpan.FromDays(30));
        await using var first = test.NewContext();
        await using var second = test.NewContext();

        await Task.WhenAll(Evaluator(test, first).EvaluateAsync(), Evaluator(test, second).EvaluateAsync());

        await using var check = test.NewContext();
        var flags = await check.Flags.ToListAsync();
        Assert.NotEmpty(flags);
        Assert.Equal(flags.Count, flags.Select(f => f.SubjectId).Distinct().Count());
    }

    [Fact]
    public async Task A_dismissed_flag_stays_dismissed_while_the_condition_lasts()
    {
        await using var test = await TestDatabase.CreateAsync();
        test.Clock.Advance(TimeSpan.FromDays(4));
        await using var db = test.NewContext();
        await Evaluator(test, db).EvaluateAsync();
        var flag = await db.Flags.SingleAsync();
        flag.ResolvedAt = test.Clock.GetUtcNow().UtcDateTime;
        flag.ResolvedBy = "kontakt.s4";
        flag.DismissReason = "Udskrivning udskudt efter aftale med kommunen";
        await db.SaveChangesAsync();

        var run = Assert.Single(await Evaluator(test, db).EvaluateAsync());

        Assert.Equal(0, run.Raised);
        Assert.NotNull((await db.Flags.SingleAsync()).ResolvedAt);
    }

    [Fact]
    public async Task An_incremental_run_touches_only_the_given_patient()
    {
        await using var test = await TestDatabase.CreateAsync();
        test.Clock.Advance(TimeSpan.FromDays(30));
        await using var db = test.NewContext();
        var jonas = await db.Patients.Where(p => p.Cpr == "0507921417").Select(p => p.Id).SingleAsync();

        await Evaluator(test, db).EvaluateAsync(patientIds: [jonas]);

        Assert.Equal([jonas], await db.Flags.Select(f => f.PatientId).ToListAsync());
    }
}
