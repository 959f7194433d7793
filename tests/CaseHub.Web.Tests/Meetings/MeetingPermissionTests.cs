using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Meetings;

/// <summary>Who may see and change teams, meetings, minutes and tasks, and that refusals are audited.</summary>
public class MeetingPermissionTests(MeetingsFactory factory) : IClassFixture<MeetingsFactory>
{
    private const string PeterCpr = "2808691122"; // Aalborg, demo team, consent, held meeting
    private const string MetteCpr = "1203851236"; // Aalborg, no consent

    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    private Task<Guid> HeldMeetingAsync(Guid patientId) => factory.WithDbAsync(db => db.Meetings
        .Where(m => m.PatientId == patientId && m.Status == Core.Meetings.MeetingStatus.Held).Select(m => m.Id).SingleAsync());

    [Theory]
    [InlineData("sag.hjoerring")]
    [InlineData("kontakt.aarhus")]
    [InlineData("analytiker")]
    public async Task Unrelated_staff_get_403_on_team_meeting_and_invitation_and_it_is_audited(string username)
    {
        var peter = await PatientIdAsync(PeterCpr);
        var meeting = await HeldMeetingAsync(peter);
        var client = factory.ClientFor(username);
        foreach (var url in new[] { $"/Teams/{peter}", $"/Meetings/Details/{meeting}", $"/Meetings/Details/{meeting}?handler=Ics", $"/Meetings/Request/{peter}", $"/House/Course/{peter}" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url} gave {(int)response.StatusCode}");
            Assert.DoesNotContain("Andersen", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.PatientId == peter && e.Username == username && e.Action == "meeting.read" && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task The_house_coordinator_works_only_with_consent()
    {
        var mette = await PatientIdAsync(MetteCpr);
        var house = factory.ClientFor("hus.aalborg");
        Assert.Equal(HttpStatusCode.Forbidden, (await house.GetAsync($"/Teams/{mette}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await house.GetAsync($"/Patients/Case/{mette}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await house.GetAsync($"/House/Course/{mette}")).StatusCode);

        var peter = await PatientIdAsync(PeterCpr);
        Assert.Equal(HttpStatusCode.OK, (await house.GetAsync($"/Teams/{peter}")).StatusCode);
        var overview = await house.GetPageAsync("/House");
        var text = overview.QuerySelector("#house-courses")!.TextContent;
        Assert.Contains("Peter Andersen", text, StringComparison.Ordinal);
        Assert.Contains("Camilla Berg", text, StringComparison.Ordinal);
        Assert.Contains("1 overskredet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mette Kristensen", text, StringComparison.Ordinal);

        // Other staff have no house overview.
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("sag.aalborg").GetAsync("/House")).StatusCode);
    }

    [Fact]
    public async Task A_team_member_from_another_ward_may_read_the_case_but_an_unrelated_ward_may_not()
    {
        var mette = await PatientIdAsync(MetteCpr);
        var client = factory.ClientFor("kontakt.aarhus");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Patients/Case/{mette}")).StatusCode);

        var aarhusUser = await factory.WithDbAsync(db => db.StaffUsers.Where(u => u.Username == "kontakt.aarhus").Select(u => u.Id).SingleAsync());
        var added = await factory.ClientFor("kontakt.s4").SubmitFormAsync($"/Teams/{mette}", new Dictionary<string, string?> { ["Staff.StaffUserId"] = aarhusUser.ToString() }, "#add-staff");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Patients/Case/{mette}")).StatusCode);
        var entry = await factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.PatientId == mette && e.Username == "kontakt.aarhus" && e.Action == "read"));
        Assert.Equal("team-member", entry.Rule);
    }

    [Fact]
    public async Task Only_one_stafetholder_per_sector_shows_and_a_wrong_sector_is_refused_next_to_the_field()
    {
        var mette = await PatientIdAsync(MetteCpr);
        var client = factory.ClientFor("sag.aalborg");
        var municipalMember = await factory.WithDbAsync(db => db.TeamMembers.Where(m => m.PatientId == mette && m.StaffUser!.Username == "sag.aalborg").Select(m => m.Id).SingleAsync());
        var response = await client.SubmitFormAsync($"/Teams/{mette}", new Dictionary<string, string?> { ["Stafet.RegionMemberId"] = municipalMember.ToString() }, "#stafet-Region");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Stafetholderen for regionen skal være en medarbejder fra regionen.", (await Html.ParseAsync(response)).FieldError("Stafet.RegionMemberId"));

        var wardMember = await factory.WithDbAsync(db => db.TeamMembers.Where(m => m.PatientId == mette && m.StaffUser!.Username == "kontakt.s4").Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Teams/{mette}", new Dictionary<string, string?> { ["Stafet.RegionMemberId"] = wardMember.ToString() }, "#stafet-Region")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Teams/{mette}", new Dictionary<string, string?> { ["Stafet.MunicipalityMemberId"] = municipalMember.ToString() }, "#stafet-Municipality")).StatusCode);
        var page = await client.GetPageAsync($"/Teams/{mette}");
        Assert.Equal(2, page.QuerySelectorAll(".stafet-row").Count(r => r.TextContent.Contains("Aktiv", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_chair_plans_the_next_meeting_from_the_held_meeting_and_others_cannot()
    {
        var peter = await PatientIdAsync(PeterCpr);
        var held = await HeldMeetingAsync(peter);

        var notChair = await factory.ClientFor("kontakt.s4").PostAsync($"/Meetings/Details/{held}", "Next", []);
        Assert.Equal(HttpStatusCode.OK, notChair.StatusCode);
        Assert.Contains("Kun mødelederens organisation", (await Html.ParseAsync(notChair)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        var saveMinutes = await factory.ClientFor("kontakt.s4").PostAsync($"/Meetings/Details/{held}", "Minutes", [("Minutes.StatusSinceLast", "Ændret af afsnittet")]);
        Assert.Equal(HttpStatusCode.OK, saveMinutes.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.MinutesVersions.CountAsync(v => v.MeetingId == held)));

        var next = await factory.ClientFor("sag.aalborg").PostAsync($"/Meetings/Details/{held}", "Next", []);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        var nextId = Guid.Parse(next.Headers.Location!.OriginalString.Split('/').Last());
        Assert.StartsWith("/Meetings/Plan/", next.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Equal(held, await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == nextId).Select(m => m.PreviousMeetingId).SingleAsync()));
    }
}
