using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Meetings;
using CaseHub.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.FollowUps;

/// <summary>Follow-up tasks from netværksmøder. Callers have checked access (DataKind.FollowUp) through the patient guard.</summary>
public sealed class FollowUpService(CaseHubDbContext db, TimeProvider clock)
{
    public sealed record CreateCommand(string? Description, Guid? OwnerOrganizationId, Guid? OwnerUserId, DateOnly? DueDate);

    /// <summary>The chair records a decision of a held meeting as a task; a task without an owner is refused.</summary>
    public async Task<Outcome<FollowUpTask>> CreateFromMeetingAsync(CurrentUser user, Guid meetingId, CreateCommand command, CancellationToken ct = default)
    {
        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || !MeetingService.IsChair(user, meeting))
        {
            return Outcome<FollowUpTask>.Fail(string.Empty, "Kun mødelederens organisation kan registrere opgaver fra mødet.");
        }

        if (meeting.Status != MeetingStatus.Held)
        {
            return Outcome<FollowUpTask>.Fail(string.Empty, "Opgaver registreres, når fremmødet er registreret.");
        }

        // Owners are the organizations and staff of the patient's team.
        var owners = await db.Set<TeamMember>()
            .Where(m => m.PatientId == meeting.PatientId && m.RemovedAt == null && m.StaffUserId != null)
            .Select(m => new { m.OrganizationId, m.StaffUserId })
            .ToListAsync(ct);
        var errors = new FieldErrors()
            .Add("Description", "Beskriv opgaven.", string.IsNullOrWhiteSpace(command.Description))
            .Add("OwnerOrganizationId", "En opgave skal have en ansvarlig organisation.", command.OwnerOrganizationId is null)
            .Add("OwnerOrganizationId", "Den ansvarlige organisation skal være repræsenteret i teamet.",
                command.OwnerOrganizationId is { } org && owners.All(o => o.OrganizationId != org))
            .Add("OwnerUserId", "En opgave skal have en ansvarlig person.", command.OwnerUserId is null)
            .Add("OwnerUserId", "Den ansvarlige person skal være en medarbejder i teamet fra den ansvarlige organisation.",
                command.OwnerUserId is { } u && command.OwnerOrganizationId is { } o2 && !owners.Any(x => x.StaffUserId == u && x.OrganizationId == o2))
            .Add("DueDate", "Angiv en frist.", command.DueDate is null)
            .Add("DueDate", "Fristen kan ikke ligge i fortiden.", command.DueDate < DanishCalendar.Today(clock));
        if (errors.Any)
        {
            return Outcome<FollowUpTask>.Fail(errors);
        }

        var task = new FollowUpTask
        {
            PatientId = meeting.PatientId,
            MeetingId = meeting.Id,
            Description = command.Description!.Trim(),
            OwnerOrganizationId = command.OwnerOrganizationId!.Value,
            OwnerUserId = command.OwnerUserId,
            DueDate = command.DueDate!.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedByName = user.Name,
        };
        db.Add(task);
        await db.SaveChangesAsync(ct);
        return Outcome<FollowUpTask>.Ok(task);
    }

    /// <summary>Tasks the user owns, personally or through their organization.</summary>
    public static bool IsOwner(CurrentUser user, FollowUpTask task) =>
        task.OwnerUserId == user.UserId || task.OwnerOrganizationId == user.OrganizationId;

    /// <summary>The owner completes a task; who and when is recorded.</summary>
    public async Task<Outcome<FollowUpTask>> CompleteAsync(CurrentUser user, Guid taskId, int version, CancellationToken ct = default)
    {
        var task = await db.Set<FollowUpTask>().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        var errors = new FieldErrors()
            .Add(string.Empty, "Opgaven findes ikke.", task is null)
            .Add(string.Empty, "Opgaven er allerede afsluttet.", task is { IsOpen: false })
            .Add(string.Empty, "Kun den ansvarlige person eller organisation kan afslutte opgaven.", task is not null && !IsOwner(user, task));
        if (errors.Any)
        {
            return Outcome<FollowUpTask>.Fail(errors);
        }

        db.Entry(task!).Property(t => t.Version).OriginalValue = version;
        task!.CompletedAt = clock.GetUtcNow().UtcDateTime;
        task.CompletedByUserId = user.UserId;
        task.CompletedByName = user.Name;
        task.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<FollowUpTask>.Fail(string.Empty, "Opgaven blev ændret af en anden i mellemtiden. Indlæs siden igen.");
        }

        return Outcome<FollowUpTask>.Ok(task);
    }
}
