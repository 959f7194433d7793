using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Common;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Teams;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Meetings;

/// <summary>
/// Netværksmøder: request, plan, hold and minutes. Callers have checked access (DataKind.Meeting or Minutes)
/// through the patient guard; these use cases check the meeting rules and who chairs.
/// </summary>
public sealed class MeetingService(CaseHubDbContext db, TimeProvider clock)
{
    /// <summary>Working days within which a meeting requested at discharge is held.</summary>
    public const int DischargeMeetingWorkingDays = 5;

    public const string ConflictMessage = "Mødet blev ændret af en anden i mellemtiden. Indlæs siden igen, og prøv igen.";

    public static DateOnly DischargeMeetingDueDate(DateOnly requestedOn) =>
        DanishCalendar.AddWorkingDays(requestedOn, DischargeMeetingWorkingDays);

    public async Task<Outcome<Meeting>> RequestAsync(
        CurrentUser user, Guid patientId, MeetingRequester? requestedBy, bool atDischarge, string? reason, CancellationToken ct = default)
    {
        if (requestedBy is null || !Enum.IsDefined(requestedBy.Value))
        {
            return Outcome<Meeting>.Fail("RequestedBy", "Angiv, hvem der ønsker mødet.");
        }

        var meeting = new Meeting
        {
            PatientId = patientId,
            Status = MeetingStatus.Requested,
            RequestedBy = requestedBy.Value,
            RequestedAtDischarge = atDischarge,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            RequestedByName = user.Name,
            RequestReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            DueDate = atDischarge ? DischargeMeetingDueDate(DanishCalendar.Today(clock)) : null,
        };
        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        return Outcome<Meeting>.Ok(meeting);
    }

    public sealed record PlanCommand(
        int Version,
        DateOnly? Date,
        TimeOnly? StartTime,
        TimeOnly? EndTime,
        PlaceKind? PlaceKind,
        string? Place,
        IReadOnlyCollection<Guid> ParticipantIds,
        PatientParticipation PatientParticipation);

    /// <summary>The user's organization plans the meeting and so hosts and chairs it.</summary>
    public async Task<Outcome<Meeting>> PlanAsync(CurrentUser user, Guid meetingId, PlanCommand command, CancellationToken ct = default)
    {
        var meeting = await db.Set<Meeting>().Include(m => m.Participants).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || meeting.Status == MeetingStatus.Held)
        {
            return Outcome<Meeting>.Fail(string.Empty, "Mødet er allerede afholdt og kan ikke planlægges igen.");
        }

        if (meeting.Status == MeetingStatus.Planned && meeting.HostOrganizationId != user.OrganizationId)
        {
            return Outcome<Meeting>.Fail(string.Empty, "Kun mødelederens organisation kan ændre planlægningen.");
        }

        var members = await db.Set<TeamMember>().Include(m => m.Organization)
            .Where(m => m.PatientId == meeting.PatientId && m.RemovedAt == null && command.ParticipantIds.Contains(m.Id))
            .ToListAsync(ct);
        DateTime? start = command is { Date: { } d, StartTime: { } s } ? DanishCalendar.ToUtc(d.ToDateTime(s)) : null;
        DateTime? end = command is { Date: { } d2, EndTime: { } e } ? DanishCalendar.ToUtc(d2.ToDateTime(e)) : null;
        var errors = new FieldErrors()
            .Add("Date", "Angiv mødets dato.", command.Date is null)
            .Add("StartTime", "Angiv starttidspunktet.", command.StartTime is null)
            .Add("EndTime", "Angiv sluttidspunktet.", command.EndTime is null)
            .Add("StartTime", "Mødet kan ikke ligge i fortiden.", start < clock.GetUtcNow().UtcDateTime)
            .Add("EndTime", "Sluttidspunktet skal ligge efter starttidspunktet.", end <= start)
            .Add("PlaceKind", "Vælg, hvor mødet holdes.", command.PlaceKind is null || !Enum.IsDefined(command.PlaceKind.Value))
            .Add("Place", "Angiv lokale, afsnit, adresse eller videolink.", string.IsNullOrWhiteSpace(command.Place))
            .Add("ParticipantIds", "Vælg mindst én deltager fra kommunen og én fra regionen.",
                !members.Any(m => m.Sector == Sector.Municipality) || !members.Any(m => m.Sector == Sector.Region))
            .Add("PatientParticipation", "Angiv, om borgeren deltager eller har takket nej.",
                command.PatientParticipation is not (PatientParticipation.Participates or PatientParticipation.Declined));
        if (errors.Any)
        {
            return Outcome<Meeting>.Fail(errors);
        }

        db.Entry(meeting).Property(m => m.Version).OriginalValue = command.Version;
        meeting.Status = MeetingStatus.Planned;
        meeting.HostOrganizationId = user.OrganizationId;
        meeting.ChairName = user.Name;
        meeting.Start = start;
        meeting.End = end;
        meeting.PlaceKind = command.PlaceKind;
        meeting.Place = command.Place!.Trim();
        meeting.PatientParticipation = command.PatientParticipation;
        meeting.Participants.RemoveAll(p => !members.Any(m => m.Id == p.TeamMemberId));
        foreach (var member in members.Where(m => meeting.Participants.All(p => p.TeamMemberId != m.Id)))
        {
            // Added explicitly: found through the navigation, a new entity with its key already set would be taken for an existing one.
            var participant = new MeetingParticipant { MeetingId = meeting.Id, TeamMemberId = member.Id };
            db.Add(participant);
            meeting.Participants.Add(participant);
        }

        meeting.Version++;
        return await SaveAsync(meeting, ct);
    }

    public static bool IsChair(CurrentUser user, Meeting meeting) => meeting.HostOrganizationId == user.OrganizationId;

    /// <summary>The chair records who came; the meeting is then held. Not before the meeting day.</summary>
    public async Task<Outcome<Meeting>> RecordAttendanceAsync(
        CurrentUser user, Guid meetingId, int version, IReadOnlyCollection<Guid> attendedParticipantIds, bool patientAttended, CancellationToken ct = default)
    {
        var meeting = await db.Set<Meeting>().Include(m => m.Participants).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var errors = new FieldErrors()
            .Add(string.Empty, "Mødet findes ikke.", meeting is null)
            .Add(string.Empty, "Kun mødelederens organisation kan registrere fremmøde.", meeting is not null && !IsChair(user, meeting))
            .Add(string.Empty, "Mødet skal være planlagt, før fremmødet kan registreres.", meeting?.Status == MeetingStatus.Requested)
            .Add(string.Empty, "Fremmøde kan først registreres på mødedagen.",
                meeting?.Start is { } s && DateOnly.FromDateTime(DanishCalendar.ToDanishTime(s)) > DanishCalendar.Today(clock));
        if (errors.Any)
        {
            return Outcome<Meeting>.Fail(errors);
        }

        db.Entry(meeting!).Property(m => m.Version).OriginalValue = version;
        foreach (var participant in meeting!.Participants)
        {
            participant.Attended = attendedParticipantIds.Contains(participant.Id);
        }

        meeting.PatientAttended = patientAttended;
        meeting.Status = MeetingStatus.Held;
        meeting.HeldAt ??= clock.GetUtcNow().UtcDateTime;
        meeting.Version++;
        return await SaveAsync(meeting, ct);
    }

    public sealed record MinutesCommand(
        int? DraftVersion,
        string? StatusSinceLast,
        string? PatientGoals,
        string? Treatment,
        string? SocialSupport,
        string? CrisisPlan,
        string? AgreedActions,
        string? NextMeeting);

    /// <summary>
    /// Saves the minutes: the draft is changed in place; once a version is approved, a change starts a new draft
    /// so the approved text stays as it was.
    /// </summary>
    public async Task<Outcome<MinutesVersion>> SaveMinutesAsync(CurrentUser user, Guid meetingId, MinutesCommand command, CancellationToken ct = default)
    {
        var meeting = await db.Set<Meeting>().Include(m => m.Minutes).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (MinutesError(user, meeting) is { } error)
        {
            return Outcome<MinutesVersion>.Fail(string.Empty, error);
        }

        var latest = meeting!.Minutes.MaxBy(v => v.Number);
        var draft = latest is { State: MinutesState.Draft } ? latest : null;
        if (draft is null)
        {
            draft = new MinutesVersion { MeetingId = meeting.Id, Number = (latest?.Number ?? 0) + 1, EditedByName = user.Name };
            db.Add(draft);
        }
        else
        {
            db.Entry(draft).Property(v => v.Version).OriginalValue = command.DraftVersion ?? draft.Version;
            draft.Version++;
        }

        draft.StatusSinceLast = Clean(command.StatusSinceLast);
        draft.PatientGoals = Clean(command.PatientGoals);
        draft.Treatment = Clean(command.Treatment);
        draft.SocialSupport = Clean(command.SocialSupport);
        draft.CrisisPlan = Clean(command.CrisisPlan);
        draft.AgreedActions = Clean(command.AgreedActions);
        draft.NextMeeting = Clean(command.NextMeeting);
        draft.EditedByName = user.Name;
        draft.EditedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<MinutesVersion>.Fail(string.Empty, ConflictMessage);
        }

        return Outcome<MinutesVersion>.Ok(draft);
    }

    /// <summary>Approves the draft; an earlier approved version becomes superseded and stays readable.</summary>
    public async Task<Outcome<MinutesVersion>> ApproveMinutesAsync(CurrentUser user, Guid meetingId, int draftVersion, CancellationToken ct = default)
    {
        var meeting = await db.Set<Meeting>().Include(m => m.Minutes).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (MinutesError(user, meeting) is { } error)
        {
            return Outcome<MinutesVersion>.Fail(string.Empty, error);
        }

        var draft = meeting!.Minutes.FirstOrDefault(v => v.State == MinutesState.Draft);
        if (draft is null)
        {
            return Outcome<MinutesVersion>.Fail(string.Empty, "Der er ingen kladde at godkende.");
        }

        foreach (var old in meeting.Minutes.Where(v => v.State == MinutesState.Approved))
        {
            old.State = MinutesState.Superseded;
            old.Version++;
        }

        db.Entry(draft).Property(v => v.Version).OriginalValue = draftVersion;
        draft.State = MinutesState.Approved;
        draft.ApprovedByName = user.Name;
        draft.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        draft.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<MinutesVersion>.Fail(string.Empty, ConflictMessage);
        }

        return Outcome<MinutesVersion>.Ok(draft);
    }

    /// <summary>Starts the next meeting of the same team as a request by the chair's sector.</summary>
    public async Task<Outcome<Meeting>> RequestNextAsync(CurrentUser user, Guid meetingId, CancellationToken ct = default)
    {
        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || !IsChair(user, meeting))
        {
            return Outcome<Meeting>.Fail(string.Empty, "Kun mødelederens organisation kan planlægge næste møde herfra.");
        }

        var next = new Meeting
        {
            PatientId = meeting.PatientId,
            Status = MeetingStatus.Requested,
            RequestedBy = user.Sector == Sector.Municipality ? MeetingRequester.Municipality : MeetingRequester.Region,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            RequestedByName = user.Name,
            RequestReason = "Opfølgning på netværksmøde",
            PreviousMeetingId = meeting.Id,
        };
        db.Add(next);
        await db.SaveChangesAsync(ct);
        return Outcome<Meeting>.Ok(next);
    }

    private static string? MinutesError(CurrentUser user, Meeting? meeting) => meeting switch
    {
        null => "Mødet findes ikke.",
        _ when !IsChair(user, meeting) => "Kun mødelederens organisation kan skrive og godkende referatet.",
        { Status: not MeetingStatus.Held } => "Referatet skrives, når fremmødet er registreret.",
        _ => null,
    };

    private async Task<Outcome<Meeting>> SaveAsync(Meeting meeting, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Meeting>.Fail(string.Empty, ConflictMessage);
        }

        return Outcome<Meeting>.Ok(meeting);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
