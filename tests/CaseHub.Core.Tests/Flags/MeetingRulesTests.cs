using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using CaseHub.Core.Flags.Rules;
using CaseHub.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Core.Tests.Flags;

/// <summary>The meeting, task and consent rules: each raises, stays quiet at its boundary, and resolves (demo data seeded Monday 2026-03-02).</summary>
public class MeetingRulesTests
{
    private static async Task<List<Flag>> RunAsync(TestDatabase test, IFlagRule rule)
    {
        await using var db = test.NewContext();
        await new FlagEvaluator(db, [rule], test.Clock, Options.Create(new FlagSettings())).EvaluateAsync();
        return await db.Flags.Include(f => f.Patient).Where(f => f.Rule == rule.Id && f.ResolvedAt == null).ToListAsync();
    }

    /// <summary>Mette's flags only: the demo data has live examples of these rules for other patients.</summary>
    private static List<Flag> Mette(List<Flag> flags) => flags.Where(f => f.Patient!.Cpr == "1203851236").ToList();

    /// <summary>Peter's flags only (Karen Mortensen is the demo's live example of an expired consent).</summary>
    private static List<Flag> Peter(List<Flag> flags) => flags.Where(f => f.Patient!.Cpr == "2808691122").ToList();

    private static async Task ChangeAsync(TestDatabase test, Func<CaseHubDbContext, Task> change)
    {
        await using var db = test.NewContext();
        await change(db);
        await db.SaveChangesAsync();
    }

    private static void At(TestDatabase test, int year, int month, int day, int hour = 12) =>
        test.Clock.SetUtcNow(DanishCalendar.ToUtc(new DateTime(year, month, day, hour, 0, 0)));

    private static async Task<CaseHub.Core.Consents.CrossSectorConsent> PeterConsentAsync(CaseHubDbContext db)
    {
        var peter = await db.Patients.Where(p => p.Cpr == "2808691122").Select(p => p.Id).SingleAsync();
        return await db.CrossSectorConsents.SingleAsync(c => c.PatientId == peter);
    }

    private static Task<Meeting> MetteMeetingAsync(CaseHubDbContext db) => db.Meetings.SingleAsync(m => m.Patient!.Cpr == "1203851236");

    [Fact]
    public async Task Follow_up_overdue_flags_the_owner_after_the_due_date_and_resolves_when_done()
    {
        await using var test = await TestDatabase.CreateAsync();

        // Peter's task for S4 was due two days ago; the caseworker's is due in a week.
        var flag = Assert.Single(await RunAsync(test, new FollowUpOverdueRule()));
        Assert.Equal("2808691122", flag.Patient!.Cpr);

        await ChangeAsync(test, async db => (await db.FollowUpTasks.SingleAsync(t => t.Id == flag.SubjectId)).DueDate = DanishCalendar.Today(test.Clock));
        Assert.Empty(await RunAsync(test, new FollowUpOverdueRule())); // due today is not overdue

        At(test, 2026, 3, 3);
        Assert.Single(await RunAsync(test, new FollowUpOverdueRule()));
        await ChangeAsync(test, async db => (await db.FollowUpTasks.SingleAsync(t => t.Id == flag.SubjectId)).CompletedAt = test.Clock.GetUtcNow().UtcDateTime);
        Assert.Empty(await RunAsync(test, new FollowUpOverdueRule()));
    }

    [Fact]
    public async Task A_meeting_requested_at_discharge_is_overdue_after_five_working_days()
    {
        await using var test = await TestDatabase.CreateAsync();

        // Requested Monday 2 March: due Monday 9 March (five working days).
        At(test, 2026, 3, 9, 20);
        Assert.Empty(Mette(await RunAsync(test, new MeetingOverdueRule())));
        At(test, 2026, 3, 10, 8);
        Assert.Single(Mette(await RunAsync(test, new MeetingOverdueRule())));

        await ChangeAsync(test, async db =>
        {
            var meeting = await MetteMeetingAsync(db);
            meeting.Status = MeetingStatus.Held;
            meeting.HeldAt = test.Clock.GetUtcNow().UtcDateTime;
        });
        Assert.Empty(Mette(await RunAsync(test, new MeetingOverdueRule())));
    }

    [Fact]
    public async Task Minutes_are_missing_two_working_days_after_the_meeting_across_a_weekend()
    {
        await using var test = await TestDatabase.CreateAsync();

        // Held Friday 6 March: minutes due by Tuesday 10 March.
        await ChangeAsync(test, async db =>
        {
            var meeting = await MetteMeetingAsync(db);
            meeting.Status = MeetingStatus.Held;
            meeting.HeldAt = DanishCalendar.ToUtc(new DateTime(2026, 3, 6, 10, 0, 0));
        });
        At(test, 2026, 3, 10, 20);
        Assert.Empty(Mette(await RunAsync(test, new MinutesMissingRule())));
        At(test, 2026, 3, 11, 8);
        Assert.Single(Mette(await RunAsync(test, new MinutesMissingRule())));

        await ChangeAsync(test, async db =>
        {
            var meeting = await MetteMeetingAsync(db);
            db.MinutesVersions.Add(new MinutesVersion { MeetingId = meeting.Id, Number = 1, State = MinutesState.Draft, EditedByName = "Camilla Berg", EditedAt = test.Clock.GetUtcNow().UtcDateTime });
        });
        Assert.Empty(Mette(await RunAsync(test, new MinutesMissingRule())));
    }

    [Fact]
    public async Task A_patient_with_a_team_and_no_meeting_in_the_30_days_after_discharge_is_flagged()
    {
        await using var test = await TestDatabase.CreateAsync();

        // Mette (team: ward and caseworker) is discharged on 2 March; her requested meeting is never held.
        await ChangeAsync(test, async db => (await db.Admissions.SingleAsync(a => a.Patient!.Cpr == "1203851236" && a.End == null)).End = test.Clock.GetUtcNow().UtcDateTime);
        At(test, 2026, 3, 31);
        Assert.Empty(Mette(await RunAsync(test, new NoMeetingAfterDischargeRule()))); // 29 days: not yet
        At(test, 2026, 4, 2);
        Assert.Single(Mette(await RunAsync(test, new NoMeetingAfterDischargeRule())));

        // Peter has a team too, but his meeting was held within 30 days of his discharge; Henrik (demo) has none.
        Assert.DoesNotContain(await RunAsync(test, new NoMeetingAfterDischargeRule()), f => f.Patient!.Cpr == "2808691122");
        await ChangeAsync(test, async db =>
        {
            var meeting = await MetteMeetingAsync(db);
            meeting.Status = MeetingStatus.Held;
            meeting.HeldAt = DanishCalendar.ToUtc(new DateTime(2026, 3, 20, 10, 0, 0));
        });
        Assert.Empty(Mette(await RunAsync(test, new NoMeetingAfterDischargeRule())));
    }

    [Fact]
    public async Task An_expired_consent_during_a_forloeb_is_flagged_for_the_house()
    {
        await using var test = await TestDatabase.CreateAsync();
        Assert.Empty(Peter(await RunAsync(test, new ConsentExpiredRule())));

        await ChangeAsync(test, async db => (await PeterConsentAsync(db)).ValidUntil = DanishCalendar.Today(test.Clock));
        Assert.Empty(Peter(await RunAsync(test, new ConsentExpiredRule()))); // valid through its last day

        At(test, 2026, 3, 3);
        var flag = Assert.Single(Peter(await RunAsync(test, new ConsentExpiredRule())));
        await using (var db = test.NewContext())
        {
            Assert.Equal(Organizations.ReferenceData.Codes.PsykiatriensHusAalborg, (await db.Organizations.FindAsync(flag.OwnerOrganizationId))!.Code);
        }

        await ChangeAsync(test, async db => (await PeterConsentAsync(db)).ValidUntil = DanishCalendar.Today(test.Clock).AddMonths(6));
        Assert.Empty(Peter(await RunAsync(test, new ConsentExpiredRule())));
    }
}
