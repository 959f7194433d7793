using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Consents;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Core.Tests.Teams.TeamFixture;

namespace CaseHub.Core.Tests.Consents;

public class ConsentGatingTests
{
    [Fact]
    public async Task Psykiatriens_Hus_sees_a_citizen_only_with_an_active_consent()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db, test.Clock);
        var hus = await UserAsync(db, "hus.aalborg");
        var jonas = await PatientAsync(db, Jonas);

        Assert.False((await policy.DecideAsync(hus, jonas, DataKind.Case, AccessMode.Read)).Allowed);
        Assert.False((await policy.DecideAsync(hus, jonas, DataKind.Team, AccessMode.Read)).Allowed);
        Assert.Equal("house-consent-record", (await policy.DecideAsync(hus, jonas, DataKind.Consent, AccessMode.Write)).Rule);
        Assert.DoesNotContain(jonas, await policy.VisiblePatients(hus).Select(p => p.Id).ToListAsync());

        var service = new HouseCourseService(db, test.Clock, new TeamService(db, test.Clock));
        var today = DanishCalendar.Today(test.Clock);
        var consent = await service.RecordConsentAsync(hus, jonas, today, "Behandling og bostøtte", null);
        Assert.True(consent.Succeeded);
        var allowed = await policy.DecideAsync(hus, jonas, DataKind.Case, AccessMode.Read);
        Assert.True(allowed.Allowed);
        Assert.Equal("house-with-consent", allowed.Rule);
        Assert.Contains(jonas, await policy.VisiblePatients(hus).Select(p => p.Id).ToListAsync());

        var withdrawn = await service.WithdrawConsentAsync(hus, jonas, consent.Value!.Id, consent.Value.Version, today, "Borgeren ønsker det ikke længere");
        Assert.True(withdrawn.Succeeded);
        Assert.False((await policy.DecideAsync(hus, jonas, DataKind.Case, AccessMode.Read)).Allowed);
        Assert.False((await policy.DecideAsync(hus, jonas, DataKind.Minutes, AccessMode.Read)).Allowed);
    }

    [Fact]
    public async Task The_house_cannot_reach_citizens_of_other_municipalities_and_consent_dates_are_checked()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var hus = await UserAsync(db, "hus.aalborg");
        Assert.False((await new PatientAccessPolicy(db, test.Clock).DecideAsync(hus, await PatientAsync(db, Susanne), DataKind.Consent, AccessMode.Write)).Allowed);

        var service = new HouseCourseService(db, test.Clock, new TeamService(db, test.Clock));
        var today = DanishCalendar.Today(test.Clock);
        var future = await service.RecordConsentAsync(hus, await PatientAsync(db, Jonas), today.AddDays(1), " ", today);
        Assert.Equal("Samtykkedatoen kan ikke ligge i fremtiden.", future.Errors["GivenOn"]);
        Assert.Equal("Angiv, hvilke oplysninger samtykket omfatter.", future.Errors["Scope"]);
        Assert.Equal("Slutdatoen kan ikke ligge før samtykkedatoen.", future.Errors["ValidUntil"]);

        var ward = await UserAsync(db, "kontakt.s4");
        var notHouse = await service.RecordConsentAsync(ward, await PatientAsync(db, Jonas), today, "x", null);
        Assert.False(notHouse.Succeeded);
    }

    [Fact]
    public async Task Without_consent_a_sector_sees_the_other_sectors_documents_but_not_its_minutes_or_tasks()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db, test.Clock);
        var ward = await UserAsync(db, "kontakt.s4");
        var mette = await PatientAsync(db, Mette);

        Assert.True((await policy.DecideAsync(ward, mette, DataKind.Document, AccessMode.Read)).Allowed);
        Assert.True((await policy.DecideAsync(ward, mette, DataKind.Minutes, AccessMode.Read, Sector.Region)).Allowed);
        var minutes = await policy.DecideAsync(ward, mette, DataKind.Minutes, AccessMode.Read, Sector.Municipality);
        Assert.False(minutes.Allowed);
        Assert.Equal("no-cross-sector-consent", minutes.Rule);
        Assert.False((await policy.DecideAsync(ward, mette, DataKind.FollowUp, AccessMode.Read, Sector.Municipality)).Allowed);
        Assert.False((await policy.DecideAsync(ward, mette, DataKind.FollowUp, AccessMode.Read, Sector.Shared)).Allowed);

        // Peter has a consent in the demo data: across sectors is allowed there.
        var peter = await PatientAsync(db, "2808691122");
        var withConsent = await policy.DecideAsync(ward, peter, DataKind.Minutes, AccessMode.Read, Sector.Municipality);
        Assert.True(withConsent.Allowed);
        Assert.EndsWith("+cross-sector-consent", withConsent.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_active_staff_member_of_the_team_may_read_the_case_until_removed()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db, test.Clock);
        var s3 = await UserAsync(db, "kontakt.s3");
        var mette = await PatientAsync(db, Mette);
        Assert.False((await policy.DecideAsync(s3, mette, DataKind.Case, AccessMode.Read)).Allowed);

        var member = await MemberAsync(db, test.Clock, mette, "kontakt.s3");
        var decision = await policy.DecideAsync(s3, mette, DataKind.Case, AccessMode.Read);
        Assert.Equal("team-member", decision.Rule);
        Assert.False((await policy.DecideAsync(s3, mette, DataKind.Case, AccessMode.Write)).Allowed);

        Assert.True((await new TeamService(db, test.Clock).RemoveAsync(mette, member.Id, member.Version)).Succeeded);
        Assert.False((await policy.DecideAsync(s3, mette, DataKind.Case, AccessMode.Read)).Allowed);
    }

    [Fact]
    public async Task A_forloeb_needs_consent_both_referrals_and_a_stafetholder_from_each_sector()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var hus = await UserAsync(db, "hus.aalborg");
        var jonas = await PatientAsync(db, Jonas);
        var teams = new TeamService(db, test.Clock);
        var service = new HouseCourseService(db, test.Clock, teams);
        var today = DanishCalendar.Today(test.Clock);

        var without = await service.StartCourseAsync(hus, jonas, new HouseCourseService.StartCommand(null, null, today, null, null));
        Assert.Contains("samtykke", without.Errors[string.Empty], StringComparison.Ordinal);
        Assert.True(without.Errors.ContainsKey("RegionReferralConfirmedOn"));
        Assert.True(without.Errors.ContainsKey("MunicipalityMemberId"));

        await service.RecordConsentAsync(hus, jonas, today.AddDays(-1), "Alt", null);
        var region = await MemberAsync(db, test.Clock, jonas, "kontakt.s3");
        var municipal = await MemberAsync(db, test.Clock, jonas, "sag.aalborg");
        // Jonas is on S3: the house does not take patients who are admitted.
        var admitted = await service.StartCourseAsync(hus, jonas, new HouseCourseService.StartCommand(today.AddDays(-1), today, today, region.Id, municipal.Id));
        Assert.Contains("indlagt", admitted.Errors["StartDate"], StringComparison.Ordinal);
        (await db.Admissions.SingleAsync(a => a.PatientId == jonas && a.End == null)).End = test.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        await db.SaveChangesAsync();

        var started = await service.StartCourseAsync(hus, jonas, new HouseCourseService.StartCommand(today.AddDays(-1), today, today, region.Id, municipal.Id));
        Assert.True(started.Succeeded, string.Join("; ", started.Errors.Values));
        Assert.Equal(2, await db.Stafetholders.CountAsync(s => s.PatientId == jonas && s.To == null));

        var again = await service.StartCourseAsync(hus, jonas, new HouseCourseService.StartCommand(today, today, today, region.Id, municipal.Id));
        Assert.False(again.Succeeded);

        var badEnd = await service.EndCourseAsync(hus, jonas, started.Value!.Id, started.Value.Version, today.AddDays(-5), null);
        Assert.Equal("Slutdatoen kan ikke ligge før startdatoen.", badEnd.Errors["EndDate"]);
        Assert.Equal("Angiv årsagen til, at forløbet afsluttes.", badEnd.Errors["EndReason"]);
        var ended = await service.EndCourseAsync(hus, jonas, started.Value.Id, started.Value.Version, today, "Stabil, afsluttet til egen læge");
        Assert.True(ended.Succeeded);
    }
}

public class TeamAccessListTests
{
    [Theory]
    [InlineData(DataKind.Team)]
    [InlineData(DataKind.Meeting)]
    [InlineData(DataKind.Consent)]
    [InlineData(DataKind.FollowUp)]
    public async Task Lists_of_team_data_contain_exactly_the_patients_single_decisions_allow(DataKind kind)
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var policy = new PatientAccessPolicy(db, test.Clock);
        foreach (var username in CaseHub.Core.Data.DemoData.Users.Select(u => u.Username))
        {
            var user = await UserAsync(db, username);
            var visible = await policy.VisiblePatients(user, kind).Select(p => p.Id).ToListAsync();
            foreach (var patientId in await db.Patients.Select(p => p.Id).ToListAsync())
            {
                var decision = await policy.DecideAsync(user, patientId, kind, AccessMode.Read);
                Assert.True(decision.Allowed == visible.Contains(patientId), $"{username} {kind} {patientId}");
            }
        }
    }
}

public class ConsentPeriodTests
{
    [Theory]
    [InlineData("2026-03-01", null, null, "2026-03-01", true)]
    [InlineData("2026-03-02", null, null, "2026-03-01", false)]   // not given yet
    [InlineData("2026-03-01", "2026-03-10", null, "2026-03-10", true)] // last day covered
    [InlineData("2026-03-01", "2026-03-10", null, "2026-03-11", false)] // expired
    [InlineData("2026-03-01", null, "2026-03-05", "2026-03-04", true)]
    [InlineData("2026-03-01", null, "2026-03-05", "2026-03-05", false)] // withdrawn from that day
    public void A_consent_is_in_force_from_its_date_until_withdrawn_or_past_its_end(string given, string? until, string? withdrawn, string day, bool active)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var consent = new CrossSectorConsent { Scope = "x", RecordedByName = "x", GivenOn = D(given)!.Value, ValidUntil = D(until), WithdrawnOn = D(withdrawn) };
        Assert.Equal(active, consent.IsActiveOn(D(day)!.Value));
        Assert.Equal(active, CrossSectorConsent.ActiveOn(D(day)!.Value).Compile()(consent));
    }
}
