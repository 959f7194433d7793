using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using CaseHub.Core.Flags.Rules;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Tests.Flags;

/// <summary>Each document rule raises, stays quiet at its boundary, and resolves, on the demo data (seeded 2026-03-02).</summary>
public class DocumentRulesTests
{
    private static async Task<List<Flag>> RunAsync(TestDatabase test, IFlagRule rule, FlagSettings? settings = null)
    {
        await using var db = test.NewContext();
        await new FlagEvaluator(db, [rule], test.Clock, Options.Create(settings ?? new FlagSettings())).EvaluateAsync();
        return await db.Flags.Include(f => f.Patient).Where(f => f.Rule == rule.Id && f.ResolvedAt == null).ToListAsync();
    }

    private static async Task ChangeAsync(TestDatabase test, Func<CaseHubDbContext, Task> change)
    {
        await using var db = test.NewContext();
        await change(db);
        await db.SaveChangesAsync();
    }

    private static Task<CareDocument> DocumentOfAsync(CaseHubDbContext db, string cpr) =>
        db.CareDocuments.Include(d => d.Events).SingleAsync(d => d.Patient!.Cpr == cpr);

    [Fact]
    public async Task Missing_at_discharge_flags_the_ward_and_the_municipality_sees_it()
    {
        await using var test = await TestDatabase.CreateAsync();

        var flags = await RunAsync(test, new MissingAtDischargeRule());

        // Henrik (§13a stk. 1, discharged 40 days ago, no document); not Peter (active agreement), not Lars (not in the group).
        var flag = Assert.Single(flags);
        Assert.Equal("1111881118", flag.Patient!.Cpr);
        await using var db = test.NewContext();
        Assert.Equal(ReferenceData.Codes.WardAalborgS4, (await db.Organizations.FindAsync(flag.OwnerOrganizationId))!.Code);
        Assert.Equal(ReferenceData.Codes.Hjoerring, (await db.Organizations.FindAsync(flag.WatcherOrganizationId))!.Code);
        Assert.Contains("uden godkendt", flag.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_at_discharge_ignores_discharges_before_the_look_back_window()
    {
        await using var test = await TestDatabase.CreateAsync();
        Assert.Empty(await RunAsync(test, new MissingAtDischargeRule(), new FlagSettings { LookbackDays = 39 }));
    }

    [Fact]
    public async Task Missing_at_discharge_resolves_when_a_plan_is_accepted()
    {
        await using var test = await TestDatabase.CreateAsync();
        Assert.Single(await RunAsync(test, new MissingAtDischargeRule()));

        await ChangeAsync(test, async db =>
        {
            var henrik = await db.Patients.Include(p => p.Admissions).SingleAsync(p => p.Cpr == "1111881118");
            var admission = henrik.Admissions.Single();
            db.CareDocuments.Add(new CareDocument
            {
                Kind = DocumentKind.CoordinationPlan, Status = DocumentStatus.Accepted, SeriesId = Guid.NewGuid(), PatientId = henrik.Id,
                AdmissionId = admission.Id, AuthoringWardId = admission.WardId, ReceivingMunicipalityId = henrik.MunicipalityId,
            });
        });

        Assert.Empty(await RunAsync(test, new MissingAtDischargeRule()));
        await using var check = test.NewContext();
        Assert.NotNull((await check.Flags.SingleAsync()).ResolvedAt);
    }

    [Fact]
    public async Task Missing_before_discharge_flags_within_the_threshold_only()
    {
        await using var test = await TestDatabase.CreateAsync();

        // Mette: planned discharge in 2 days, nothing sent. Jonas (5 days) has a sent agreement; Freja (10 days) a draft.
        Assert.Equal(["1203851236"], (await RunAsync(test, new MissingBeforeDischargeRule())).Select(f => f.Patient!.Cpr));

        // At the boundary: with a 1-day threshold, 2 days is not yet due.
        await using var other = await TestDatabase.CreateAsync();
        Assert.Empty(await RunAsync(other, new MissingBeforeDischargeRule(), new FlagSettings { MissingBeforeDischargeDays = 1 }));

        // Freja's draft does not count; 10 days ahead it is inside a 10-day threshold.
        await using var third = await TestDatabase.CreateAsync();
        Assert.Contains("0303104123", (await RunAsync(third, new MissingBeforeDischargeRule(), new FlagSettings { MissingBeforeDischargeDays = 10 })).Select(f => f.Patient!.Cpr));
    }

    [Fact]
    public async Task Unanswered_counts_working_days_across_Easter()
    {
        // Sent on Wednesday 1 April 2026; Skærtorsdag, Langfredag, the weekend and 2. påskedag are not working days, so
        // the 5th working day is Monday 13 April.
        await using var test = await TestDatabase.CreateAsync(now: new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero));
        await ChangeAsync(test, async db =>
        {
            var doc = await DocumentOfAsync(db, "0507921417");
            foreach (var e in doc.Events.Where(e => e.ToStatus == DocumentStatus.Sent))
            {
                e.At = DanishCalendar.ToUtc(new DateTime(2026, 4, 1, 10, 0, 0));
            }
        });

        test.Clock.SetUtcNow(DanishCalendar.ToUtc(new DateTime(2026, 4, 13, 15, 0, 0)));
        Assert.Empty(await RunAsync(test, new UnansweredRule()));

        test.Clock.SetUtcNow(DanishCalendar.ToUtc(new DateTime(2026, 4, 14, 8, 0, 0)));
        var flag = Assert.Single(await RunAsync(test, new UnansweredRule()));
        Assert.Equal("0507921417", flag.Patient!.Cpr);
        await using var db2 = test.NewContext();
        Assert.Equal(ReferenceData.Codes.Aalborg, (await db2.Organizations.FindAsync(flag.OwnerOrganizationId))!.Code);

        // The municipality accepts: the flag resolves.
        await ChangeAsync(test, async db => (await DocumentOfAsync(db, "0507921417")).Status = DocumentStatus.Accepted);
        Assert.Empty(await RunAsync(test, new UnansweredRule()));
    }

    [Fact]
    public async Task Unanswered_counts_working_days_across_a_weekend()
    {
        // Sent Friday 6 March 2026: the 5th working day is Friday 13 March; flagged from Monday 16 March (not during the weekend).
        await using var test = await TestDatabase.CreateAsync();
        await ChangeAsync(test, async db =>
        {
            foreach (var e in (await DocumentOfAsync(db, "0507921417")).Events.Where(e => e.ToStatus == DocumentStatus.Sent))
            {
                e.At = DanishCalendar.ToUtc(new DateTime(2026, 3, 6, 14, 0, 0));
            }
        });

        test.Clock.SetUtcNow(DanishCalendar.ToUtc(new DateTime(2026, 3, 13, 23, 0, 0)));
        Assert.Empty(await RunAsync(test, new UnansweredRule()));
        test.Clock.SetUtcNow(DanishCalendar.ToUtc(new DateTime(2026, 3, 15, 12, 0, 0)));
        Assert.Single(await RunAsync(test, new UnansweredRule()));
    }

    [Fact]
    public async Task Review_due_flags_an_active_document_past_its_review_date()
    {
        await using var test = await TestDatabase.CreateAsync();

        // Peter's active agreement had its review date two days ago in the demo data.
        var flag = Assert.Single(await RunAsync(test, new ReviewDueRule()));
        Assert.Equal("2808691122", flag.Patient!.Cpr);

        // On the review date itself it is not yet due.
        await ChangeAsync(test, async db => (await DocumentOfAsync(db, "2808691122")).ReviewOn = DanishCalendar.Today(test.Clock));
        Assert.Empty(await RunAsync(test, new ReviewDueRule()));
    }
}
