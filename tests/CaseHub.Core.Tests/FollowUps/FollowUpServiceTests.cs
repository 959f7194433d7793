using CaseHub.Core.Calendar;
using CaseHub.Core.FollowUps;
using CaseHub.Core.Tests.Meetings;
using Microsoft.EntityFrameworkCore;
using static CaseHub.Core.Tests.Teams.TeamFixture;

namespace CaseHub.Core.Tests.FollowUps;

public class FollowUpServiceTests
{
    [Fact]
    public async Task A_task_without_an_owner_or_with_a_past_due_date_is_refused()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var chair = await UserAsync(db, "sag.aalborg");
        var meeting = await MeetingServiceTests.HeldMeetingAsync(test, db, chair);
        var service = new FollowUpService(db, test.Clock);
        var today = DanishCalendar.Today(test.Clock);

        var noOwner = await service.CreateFromMeetingAsync(chair, meeting.Id, new FollowUpService.CreateCommand("Søg bostøtte", null, null, today));
        Assert.Equal("En opgave skal have en ansvarlig organisation.", noOwner.Errors["OwnerOrganizationId"]);
        Assert.Equal("En opgave skal have en ansvarlig person.", noOwner.Errors["OwnerUserId"]);

        var s3 = await UserAsync(db, "kontakt.s3");
        var wrongPerson = await service.CreateFromMeetingAsync(chair, meeting.Id, new FollowUpService.CreateCommand("Søg bostøtte", chair.OrganizationId, s3.UserId, today.AddDays(-1)));
        Assert.Contains("fra den ansvarlige organisation", wrongPerson.Errors["OwnerUserId"], StringComparison.Ordinal);
        Assert.Equal("Fristen kan ikke ligge i fortiden.", wrongPerson.Errors["DueDate"]);

        var notChair = await service.CreateFromMeetingAsync(s3, meeting.Id, new FollowUpService.CreateCommand("x", s3.OrganizationId, s3.UserId, today));
        Assert.False(notChair.Succeeded);
        Assert.False(await db.FollowUpTasks.AnyAsync(t => t.MeetingId == meeting.Id));
    }

    [Fact]
    public async Task A_task_becomes_overdue_the_day_after_its_due_date_and_only_the_owner_completes_it()
    {
        await using var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var chair = await UserAsync(db, "sag.aalborg");
        var s3 = await UserAsync(db, "kontakt.s3");
        var meeting = await MeetingServiceTests.HeldMeetingAsync(test, db, chair);
        var service = new FollowUpService(db, test.Clock);
        var today = DanishCalendar.Today(test.Clock);

        var task = (await service.CreateFromMeetingAsync(chair, meeting.Id, new FollowUpService.CreateCommand("Send epikrise", s3.OrganizationId, s3.UserId, today.AddDays(1)))).Value!;
        Assert.False(task.IsOverdueOn(today.AddDays(1)));
        Assert.True(task.IsOverdueOn(today.AddDays(2)));

        var byOther = await service.CompleteAsync(await UserAsync(db, "kontakt.s4"), task.Id, task.Version);
        Assert.Contains("Kun den ansvarlige", byOther.Errors[string.Empty], StringComparison.Ordinal);

        test.Clock.Advance(TimeSpan.FromDays(3));
        var done = await service.CompleteAsync(s3, task.Id, task.Version);
        Assert.True(done.Succeeded);
        Assert.Equal(s3.Name, done.Value!.CompletedByName);
        Assert.Equal(test.Clock.GetUtcNow().UtcDateTime, done.Value.CompletedAt);
        Assert.False(done.Value.IsOverdueOn(today.AddDays(10)));
        Assert.False((await service.CompleteAsync(s3, task.Id, done.Value.Version)).Succeeded);
    }
}
