using CaseHub.Core.Calendar;
using CaseHub.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Core.Tests.Teams.TeamFixture;

namespace CaseHub.Core.Tests.Meetings;

public class MeetingServiceTests
{
    [Theory]
    [InlineData("2026-04-01", "2026-04-13")] // Wednesday before Easter: Skærtorsdag, Langfredag and 2. påskedag are skipped
    [InlineData("2026-12-23", "2027-01-05")] // Christmas Eve to New Year's Day are skipped
    [InlineData("2026-03-02", "2026-03-09")] // an ordinary Monday: the next Monday
    [InlineData("2026-03-06", "2026-03-13")] // a Friday: the next Friday
    public void A_meeting_requested_at_discharge_is_due_5_working_days_later(string requested, string due)
    {
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            MeetingService.DischargeMeetingDueDate(DateOnly.Parse(requested, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Requesting_at_discharge_before_Easter_sets_the_due_date_in_Danish_working_days()
    {
        // 1 April 2026 23:30 UTC is already 2 April (Skærtorsdag) in Denmark.
        await using var test = await TestDatabase.CreateAsync(new DateTimeOffset(2026, 4, 1, 23, 30, 0, TimeSpan.Zero));
        await using var db = test.NewContext();
        var service = new MeetingService(db, test.Clock);
        var user = await UserAsync(db, "kontakt.s4");
        var mette = await PatientAsync(db, Mette);

        var atDischarge = await service.RequestAsync(user, mette, MeetingRequester.Region, atDischarge: true, null);
        Assert.Equal(new DateOnly(2026, 4, 13), atDischarge.Value!.DueDate);
        var other = await service.RequestAsync(user, mette, MeetingRequester.Relative, atDischarge: false, "Mor ønsker møde");
        Assert.Null(other.Value!.DueDate);
        var nobody = await service.RequestAsync(user, mette, null, true, null);
        Assert.Equal("Angiv, hvem der ønsker mødet.", nobody.Errors["RequestedBy"]);
    }

    [Fact]
    public async Task Planning_refuses_the_past_an_end_before_the_start_and_a_meeting_without_both_sectors()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var service = new MeetingService(db, test.Clock);
        var user = await UserAsync(db, "sag.aalborg");
        var jonas = await PatientAsync(db, Jonas);
        var municipal = await MemberAsync(db, test.Clock, jonas, "sag.aalborg");
        var region = await MemberAsync(db, test.Clock, jonas, "kontakt.s3");
        var request = (await service.RequestAsync(user, jonas, MeetingRequester.Municipality, false, null)).Value!;
        var today = DanishCalendar.Today(test.Clock);

        var past = await service.PlanAsync(user, request.Id, new MeetingService.PlanCommand(
            request.Version, today.AddDays(-1), new TimeOnly(10, 0), new TimeOnly(9, 0), null, "", [municipal.Id], PatientParticipation.Unknown));
        Assert.Equal("Mødet kan ikke ligge i fortiden.", past.Errors["StartTime"]);
        Assert.Equal("Sluttidspunktet skal ligge efter starttidspunktet.", past.Errors["EndTime"]);
        Assert.Equal("Vælg, hvor mødet holdes.", past.Errors["PlaceKind"]);
        Assert.Equal("Angiv lokale, afsnit, adresse eller videolink.", past.Errors["Place"]);
        Assert.Equal("Vælg mindst én deltager fra kommunen og én fra regionen.", past.Errors["ParticipantIds"]);
        Assert.Equal("Angiv, om borgeren deltager eller har takket nej.", past.Errors["PatientParticipation"]);
        await using (var read = test.NewContext())
        {
            Assert.Equal(MeetingStatus.Requested, (await read.Meetings.SingleAsync(m => m.Id == request.Id)).Status);
        }

        var planned = await service.PlanAsync(user, request.Id, new MeetingService.PlanCommand(
            request.Version, today.AddDays(2), new TimeOnly(10, 0), new TimeOnly(11, 0), PlaceKind.Video, "https://video.example/123",
            [municipal.Id, region.Id], PatientParticipation.Declined));
        Assert.True(planned.Succeeded, string.Join("; ", planned.Errors.Values));
        Assert.Equal(user.OrganizationId, planned.Value!.HostOrganizationId);
        Assert.Equal(new DateTime(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc), planned.Value.Start); // 10:00 Danish winter time

        // Someone else's organization cannot change the plan.
        var other = await service.PlanAsync(await UserAsync(db, "kontakt.s3"), request.Id, new MeetingService.PlanCommand(
            planned.Value.Version, today.AddDays(3), new TimeOnly(10, 0), new TimeOnly(11, 0), PlaceKind.Ward, "S3",
            [municipal.Id, region.Id], PatientParticipation.Declined));
        Assert.False(other.Succeeded);
    }

    [Fact]
    public async Task Minutes_are_edited_only_by_the_chairs_organization_and_a_change_after_approval_is_a_new_version()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var service = new MeetingService(db, test.Clock);
        var chair = await UserAsync(db, "sag.aalborg");
        var meeting = await HeldMeetingAsync(test, db, chair);

        var notChair = await service.SaveMinutesAsync(await UserAsync(db, "kontakt.s3"), meeting.Id, new MeetingService.MinutesCommand(null, "x", null, null, null, null, null, null));
        Assert.Contains("mødelederens organisation", notChair.Errors[string.Empty], StringComparison.Ordinal);

        var draft = (await service.SaveMinutesAsync(chair, meeting.Id, new MeetingService.MinutesCommand(null, "Status", "Mål", null, null, null, null, null))).Value!;
        var edited = (await service.SaveMinutesAsync(chair, meeting.Id, new MeetingService.MinutesCommand(draft.Version, "Status 2", "Mål", null, null, null, null, null))).Value!;
        Assert.Equal(1, edited.Number);
        var approved = await service.ApproveMinutesAsync(chair, meeting.Id, edited.Version);
        Assert.True(approved.Succeeded);

        var changed = (await service.SaveMinutesAsync(chair, meeting.Id, new MeetingService.MinutesCommand(null, "Rettet status", "Mål", null, null, null, null, null))).Value!;
        Assert.Equal(2, changed.Number);
        await using (var read = test.NewContext())
        {
            var versions = await read.MinutesVersions.Where(v => v.MeetingId == meeting.Id).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([MinutesState.Approved, MinutesState.Draft], versions.Select(v => v.State));
            Assert.Equal("Status 2", versions[0].StatusSinceLast);
        }

        Assert.True((await service.ApproveMinutesAsync(chair, meeting.Id, changed.Version)).Succeeded);
        await using (var read = test.NewContext())
        {
            var versions = await read.MinutesVersions.Where(v => v.MeetingId == meeting.Id).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([MinutesState.Superseded, MinutesState.Approved], versions.Select(v => v.State));
        }
    }

    [Fact]
    public async Task The_invitation_is_valid_iCalendar_in_Copenhagen_time()
    {
        var start = DanishCalendar.ToUtc(new DateTime(2026, 6, 10, 13, 30, 0));
        var meeting = new Meeting
        {
            RequestedByName = "x", Status = MeetingStatus.Planned, Start = start, End = start.AddHours(1), PlaceKind = PlaceKind.HouseRoom,
            Place = "Mødelokale 2", ChairName = "Line Munk", Version = 2,
        };

        var ics = MeetingCalendar.ToIcs(meeting, "Mette Kristensen", ["Line Munk", "Camilla Berg"]);

        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("TZID:Europe/Copenhagen", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Copenhagen:20260610T133000", ics, StringComparison.Ordinal);
        var parsed = Ical.Net.Calendar.Load(ics)!;
        var e = Assert.Single(parsed.Events);
        Assert.Equal("Europe/Copenhagen", e.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 6, 10, 13, 30, 0), e.DtStart.Value);
        Assert.Equal(new DateTime(2026, 6, 10, 14, 30, 0), e.DtEnd!.Value);
        Assert.Equal("Netværksmøde – Mette Kristensen", e.Summary);
        Assert.Contains("Mødelokale 2", e.Location, StringComparison.Ordinal);
        Assert.Single(parsed.TimeZones, tz => tz.TzId == "Europe/Copenhagen");
        Assert.Equal($"{meeting.Id}@casehub.dk", e.Uid);
    }

    /// <summary>A meeting for Jonas hosted by the chair's organization, planned for today and held.</summary>
    internal static async Task<Meeting> HeldMeetingAsync(TestDatabase test, Core.Data.CaseHubDbContext db, Core.Access.CurrentUser chair)
    {
        var service = new MeetingService(db, test.Clock);
        var jonas = await PatientAsync(db, Jonas);
        var municipal = await MemberAsync(db, test.Clock, jonas, "sag.aalborg");
        var region = await MemberAsync(db, test.Clock, jonas, "kontakt.s3");
        var request = (await service.RequestAsync(chair, jonas, MeetingRequester.Municipality, false, null)).Value!;
        var today = DanishCalendar.Today(test.Clock);
        var planned = await service.PlanAsync(chair, request.Id, new MeetingService.PlanCommand(
            request.Version, today, new TimeOnly(14, 0), new TimeOnly(15, 0), PlaceKind.HouseRoom, "Lokale 1",
            [municipal.Id, region.Id], PatientParticipation.Participates));
        Assert.True(planned.Succeeded, string.Join("; ", planned.Errors.Values));

        var early = await service.SaveMinutesAsync(chair, request.Id, new MeetingService.MinutesCommand(null, "x", null, null, null, null, null, null));
        Assert.False(early.Succeeded);

        var held = await service.RecordAttendanceAsync(chair, request.Id, planned.Value!.Version, [planned.Value.Participants[0].Id], patientAttended: true);
        Assert.True(held.Succeeded, string.Join("; ", held.Errors.Values));
        return held.Value!;
    }
}
