using System.Net;
using CaseHub.Core.Audit;
using CaseHub.Core.Meetings;
using CaseHub.Core.Organizations;
using CaseHub.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Tests.Meetings;

/// <summary>The whole cycle through the pages: team, consent, forløb, request, plan, hold, minutes, tasks, follow-up.</summary>
public class MeetingCycleTests(MeetingsFactory factory) : IClassFixture<MeetingsFactory>
{
    private const string JonasCpr = "1502832345"; // Lars Thomsen: Aalborg, discharged from S3 long ago, no team in the demo data

    private Task<Guid> PatientIdAsync(string cpr) => factory.WithDbAsync(db => db.Patients.Where(p => p.Cpr == cpr).Select(p => p.Id).SingleAsync());

    private Task<Guid> MemberIdAsync(Guid patientId, string username) => factory.WithDbAsync(db => db.TeamMembers
        .Where(m => m.PatientId == patientId && m.StaffUser!.Username == username && m.RemovedAt == null).Select(m => m.Id).SingleAsync());

    private Task<Guid> UserIdAsync(string username) => factory.WithDbAsync(db => db.StaffUsers.Where(u => u.Username == username).Select(u => u.Id).SingleAsync());

    private static void AssertRedirect(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result[..Math.Min(3000, response.Content.ReadAsStringAsync().Result.Length)]}");

    [Fact]
    public async Task A_coordinator_runs_the_whole_cycle()
    {
        var jonas = await PatientIdAsync(JonasCpr);
        var house = factory.ClientFor("hus.aalborg");
        var municipal = factory.ClientFor("sag.aalborg");
        var ward = factory.ClientFor("kontakt.s3");

        // Before consent the house may not see the case, but finds the citizen to record the consent.
        Assert.Equal(HttpStatusCode.Forbidden, (await house.GetAsync($"/Patients/Case/{jonas}")).StatusCode);
        var found = await house.SubmitFormAsync("/House", new Dictionary<string, string?> { ["Cpr"] = JonasCpr }, "#cpr-search");
        Assert.Equal($"/House/Course/{jonas}", found.Headers.Location!.OriginalString);
        var today = MeetingsFactory.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        AssertRedirect(await house.PostAsync($"/House/Course/{jonas}", "Consent", [("Consent.GivenOn", today), ("Consent.Scope", "Behandling, bostøtte og job")]));
        Assert.Equal(HttpStatusCode.OK, (await house.GetAsync($"/Patients/Case/{jonas}")).StatusCode);

        // The team: staff of both sectors and the house, and a relative.
        foreach (var username in new[] { "kontakt.s3", "sag.aalborg", "hus.aalborg" })
        {
            AssertRedirect(await municipal.PostAsync($"/Teams/{jonas}", "AddStaff", [("Staff.StaffUserId", (await UserIdAsync(username)).ToString())]));
        }

        AssertRedirect(await ward.PostAsync($"/Teams/{jonas}", "AddExternal", [("External.Role", "Relative"), ("External.Name", "Else Nielsen"), ("External.Function", "Mor"), ("External.Phone", "22 33 44 55")]));
        var s3Member = await MemberIdAsync(jonas, "kontakt.s3");
        var municipalMember = await MemberIdAsync(jonas, "sag.aalborg");

        // The forløb, with both referrals confirmed and the stafetholders.
        AssertRedirect(await house.PostAsync($"/House/Course/{jonas}", "Start", [
            ("Start.RegionReferralConfirmedOn", today), ("Start.MunicipalityReferralConfirmedOn", today), ("Start.StartDate", today),
            ("Start.RegionMemberId", s3Member.ToString()), ("Start.MunicipalityMemberId", municipalMember.ToString())]));
        var overview = await house.GetPageAsync("/House");
        var row = overview.QuerySelector("#house-courses")!.TextContent;
        Assert.Contains("Lars Thomsen", row, StringComparison.Ordinal);
        Assert.Contains("Mads Vestergaard", row, StringComparison.Ordinal);
        Assert.Contains("Line Munk", row, StringComparison.Ordinal);

        // A request at discharge is due 5 working days later.
        var requested = await municipal.PostAsync($"/Meetings/Request/{jonas}", string.Empty, [("Input.RequestedBy", "Municipality"), ("Input.AtDischarge", "true")]);
        AssertRedirect(requested);
        var meetingUrl = requested.Headers.Location!.OriginalString;
        var meetingId = Guid.Parse(meetingUrl.Split('/').Last());
        Assert.Equal(new DateOnly(2026, 3, 9), await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.DueDate).SingleAsync()));

        // Planning refuses bad input next to the fields and saves nothing.
        var planUrl = $"/Meetings/Plan/{meetingId}";
        var bad = await municipal.PostAsync(planUrl, string.Empty, [
            ("Input.Date", "2026-03-01"), ("Input.StartTime", "10:00"), ("Input.EndTime", "09:00"), ("Input.PlaceKind", "HouseRoom"),
            ("Input.Place", "Lokale 1"), ("Input.ParticipantIds", municipalMember.ToString()), ("Input.PatientParticipation", "Participates")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await Html.ParseAsync(bad);
        Assert.Equal("Mødet kan ikke ligge i fortiden.", badPage.FieldError("Input.StartTime"));
        Assert.Equal("Sluttidspunktet skal ligge efter starttidspunktet.", badPage.FieldError("Input.EndTime"));
        Assert.Equal("Vælg mindst én deltager fra kommunen og én fra regionen.", badPage.FieldError("Input.ParticipantIds"));
        Assert.Equal(MeetingStatus.Requested, await factory.WithDbAsync(db => db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Status).SingleAsync()));

        AssertRedirect(await municipal.PostAsync(planUrl, string.Empty, [
            ("Input.Version", "0"), ("Input.Date", today), ("Input.StartTime", "14:00"), ("Input.EndTime", "15:00"), ("Input.PlaceKind", "HouseRoom"),
            ("Input.Place", "Mødelokale 2"), ("Input.ParticipantIds", municipalMember.ToString()), ("Input.ParticipantIds", s3Member.ToString()),
            ("Input.PatientParticipation", "Participates")]));

        // The invitation.
        var ics = await ward.GetAsync($"{meetingUrl}?handler=Ics");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var calendar = Ical.Net.Calendar.Load(await ics.Content.ReadAsStringAsync())!;
        var invitation = Assert.Single(calendar.Events);
        Assert.Equal("Europe/Copenhagen", invitation.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 3, 2, 14, 0, 0), invitation.DtStart.Value);

        // Kommende møder.
        Assert.Contains("Lars Thomsen", (await ward.GetPageAsync("/Meetings")).QuerySelector("#upcoming")!.TextContent, StringComparison.Ordinal);

        // Holding: attendance, minutes (only the chair), approval.
        var participants = await factory.WithDbAsync(db => db.MeetingParticipants.Where(p => p.MeetingId == meetingId).Select(p => p.Id).ToListAsync());
        AssertRedirect(await municipal.PostAsync(meetingUrl, "Attendance", [
            ("Attendance.Version", "1"), .. participants.Select(p => ("Attendance.AttendedIds", p.ToString())), ("Attendance.PatientAttended", "true")]));
        var notChair = await ward.PostAsync(meetingUrl, "Minutes", [("Minutes.StatusSinceLast", "Skrevet af afsnittet")]);
        Assert.Contains("Kun mødelederens organisation", (await Html.ParseAsync(notChair)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        AssertRedirect(await municipal.PostAsync(meetingUrl, "Minutes", [("Minutes.StatusSinceLast", "Jonas er klar til udskrivning."), ("Minutes.PatientGoals", "Egen bolig")]));
        var draftVersion = await factory.WithDbAsync(db => db.MinutesVersions.Where(v => v.MeetingId == meetingId).Select(v => v.Version).SingleAsync());
        AssertRedirect(await municipal.PostAsync(meetingUrl, "Approve", [("draftVersion", draftVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        // Decisions as tasks: without an owner refused next to the field, then with one.
        var noOwner = await municipal.PostAsync(meetingUrl, "Task", [("NewTask.Description", "Send medicinliste"), ("NewTask.DueDate", "2026-03-05")]);
        Assert.Equal("En opgave skal have en ansvarlig organisation.", (await Html.ParseAsync(noOwner)).FieldError("NewTask.OwnerOrganizationId"));
        var wardOrg = await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == ReferenceData.Codes.WardAalborgS3).Select(o => o.Id).SingleAsync());
        AssertRedirect(await municipal.PostAsync(meetingUrl, "Task", [
            ("NewTask.Description", "Send medicinliste til egen læge"), ("NewTask.OwnerOrganizationId", wardOrg.ToString()),
            ("NewTask.OwnerUserId", (await UserIdAsync("kontakt.s3")).ToString()), ("NewTask.DueDate", "2026-03-05")]));

        // The case page shows the team, stafetholders, the meeting with approved minutes, and the open task.
        var casePage = await ward.GetPageAsync($"/Patients/Case/{jonas}");
        Assert.Contains("Mads Vestergaard", casePage.QuerySelector("#team-section")!.TextContent, StringComparison.Ordinal);
        var meetings = casePage.QuerySelector("#meetings-section")!.TextContent;
        Assert.Contains("Jonas er klar til udskrivning.", meetings, StringComparison.Ordinal);
        Assert.Contains("Send medicinliste til egen læge", meetings, StringComparison.Ordinal);

        // Mine opgaver: the owner completes the task; who and when is recorded.
        var mine = await ward.GetPageAsync("/FollowUps");
        Assert.Contains("Send medicinliste til egen læge", mine.QuerySelector(".task-list")!.TextContent, StringComparison.Ordinal);
        var taskId = await factory.WithDbAsync(db => db.FollowUpTasks.Where(t => t.MeetingId == meetingId).Select(t => t.Id).SingleAsync());
        AssertRedirect(await ward.PostAsync("/FollowUps", "Complete", [("taskId", taskId.ToString()), ("version", "0")]));
        var task = await factory.WithDbAsync(db => db.FollowUpTasks.SingleAsync(t => t.Id == taskId));
        Assert.Equal("Mads Vestergaard", task.CompletedByName);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, task.CompletedAt);

        // Every step was audited.
        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.PatientId == jonas && e.Outcome == AuditOutcome.Allowed).Select(e => e.Action).Distinct().ToListAsync());
        foreach (var action in new[] { "consent.record", "team.member.add", "house-course.start", "meeting.request", "meeting.plan", "meeting.ics", "meeting.attendance", "minutes.save", "minutes.approve", "followup.create", "followup.complete" })
        {
            Assert.Contains(action, actions);
        }
    }

    [Fact]
    public async Task Mine_opgaver_marks_overdue_tasks_and_sorts_by_due_date()
    {
        var page = await factory.ClientFor("sag.aalborg").GetPageAsync("/FollowUps");
        Assert.Contains("Afklare mulighed for IPS-forløb", page.QuerySelector(".task-list")!.TextContent, StringComparison.Ordinal);

        var ward = await factory.ClientFor("kontakt.s4").GetPageAsync("/FollowUps?sort=due-desc");
        var overdue = ward.QuerySelector("tr.task-overdue")!;
        Assert.Contains("Send epikrise og medicinliste", overdue.TextContent, StringComparison.Ordinal);
        Assert.Contains("Overskredet", overdue.TextContent, StringComparison.Ordinal);
        Assert.NotNull(ward.QuerySelector("#overdue-count"));
    }

    [Fact]
    public async Task Only_the_owner_organization_can_complete_a_task()
    {
        var taskId = await factory.WithDbAsync(db => db.FollowUpTasks.Where(t => t.Description.StartsWith("Afklare mulighed")).Select(t => t.Id).SingleAsync());
        var response = await factory.ClientFor("kontakt.s4").PostAsync("/FollowUps", "Complete", [("taskId", taskId.ToString()), ("version", "0")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kun den ansvarlige", (await Html.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.FollowUpTasks.Where(t => t.Id == taskId).Select(t => t.CompletedAt).SingleAsync()));
    }
}
