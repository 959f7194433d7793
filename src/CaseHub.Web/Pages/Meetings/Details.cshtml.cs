using System.Text;
using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.FollowUps;
using CaseHub.Core.Meetings;
using CaseHub.Core.Organizations;
using CaseHub.Web.Access;
using CaseHub.Web.Components;
using CaseHub.Web.Pages.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Meetings;

/// <summary>
/// One netværksmøde: the plan, the invitation, and for the chair's organization attendance, minutes per template
/// section, decisions as follow-up tasks and the next meeting, all from this page.
/// </summary>
public class DetailsModel(PatientGuard guard, CaseHubDbContext db, MeetingService meetings, FollowUpService followUps, TimeProvider clock) : PageModel
{
    public sealed class AttendanceInput
    {
        public int Version { get; set; }

        public List<Guid> AttendedIds { get; set; } = [];

        public bool PatientAttended { get; set; }
    }

    public sealed class MinutesInput
    {
        public int? DraftVersion { get; set; }

        public string? StatusSinceLast { get; set; }

        public string? PatientGoals { get; set; }

        public string? Treatment { get; set; }

        public string? SocialSupport { get; set; }

        public string? CrisisPlan { get; set; }

        public string? AgreedActions { get; set; }

        public string? NextMeeting { get; set; }

        public string? this[string key] => key switch
        {
            nameof(StatusSinceLast) => StatusSinceLast,
            nameof(PatientGoals) => PatientGoals,
            nameof(Treatment) => Treatment,
            nameof(SocialSupport) => SocialSupport,
            nameof(CrisisPlan) => CrisisPlan,
            nameof(AgreedActions) => AgreedActions,
            nameof(NextMeeting) => NextMeeting,
            _ => null,
        };
    }

    public sealed class TaskInput
    {
        public string? Description { get; set; }

        public Guid? OwnerOrganizationId { get; set; }

        public Guid? OwnerUserId { get; set; }

        public DateOnly? DueDate { get; set; }
    }

    [BindProperty]
    public AttendanceInput Attendance { get; set; } = new();

    [BindProperty]
    public MinutesInput Minutes { get; set; } = new();

    [BindProperty]
    public TaskInput NewTask { get; set; } = new();

    public Meeting Meeting { get; private set; } = default!;

    public bool IsChair { get; private set; }

    public bool MinutesVisible { get; private set; }

    public IReadOnlyList<MinutesVersion> Versions { get; private set; } = [];

    public MinutesVersion? Draft => Versions.FirstOrDefault(v => v.State == MinutesState.Draft);

    public MinutesVersion? Approved => Versions.FirstOrDefault(v => v.State == MinutesState.Approved);

    public IReadOnlyList<TaskList.Row> Tasks { get; private set; } = [];

    public int HiddenTasks { get; private set; }

    public IReadOnlyList<SelectListItem> OwnerOrganizations { get; private set; } = [];

    public IReadOnlyList<SelectListItem> OwnerUsers { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await PatientOfAsync(id) is not { } patientId)
        {
            return NotFound();
        }

        if (!(await guard.CheckAsync(patientId, DataKind.Meeting, AccessMode.Read, "meeting.read", id.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        await LoadAsync(id, prefillMinutes: true);
        return Page();
    }

    /// <summary>The invitation as an iCalendar file in Danish time.</summary>
    public async Task<IActionResult> OnGetIcsAsync(Guid id)
    {
        if (await PatientOfAsync(id) is not { } patientId)
        {
            return NotFound();
        }

        if (!(await guard.CheckAsync(patientId, DataKind.Meeting, AccessMode.Read, "meeting.ics", id.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Patient)
            .Include(m => m.Participants).ThenInclude(p => p.TeamMember)
            .FirstAsync(m => m.Id == id, HttpContext.RequestAborted);
        if (meeting.Start is null)
        {
            return NotFound();
        }

        var ics = MeetingCalendar.ToIcs(meeting, meeting.Patient!.FullName, meeting.Participants.Select(p => p.TeamMember!.Name));
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"netvaerksmoede-{DanishCalendar.ToDanishTime(meeting.Start.Value):yyyy-MM-dd}.ics");
    }

    public Task<IActionResult> OnPostAttendanceAsync(Guid id) => WriteAsync(id, DataKind.Meeting, null, "meeting.attendance", nameof(Attendance), () =>
        meetings.RecordAttendanceAsync(guard.User, id, Attendance.Version, Attendance.AttendedIds, Attendance.PatientAttended, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostMinutesAsync(Guid id) => WriteAsync(id, DataKind.Minutes, guard.User.Sector, "minutes.save", nameof(Minutes), () =>
        meetings.SaveMinutesAsync(guard.User, id, new MeetingService.MinutesCommand(
            Minutes.DraftVersion, Minutes.StatusSinceLast, Minutes.PatientGoals, Minutes.Treatment, Minutes.SocialSupport,
            Minutes.CrisisPlan, Minutes.AgreedActions, Minutes.NextMeeting), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostApproveAsync(Guid id, int draftVersion) => WriteAsync(id, DataKind.Minutes, guard.User.Sector, "minutes.approve", nameof(Minutes), () =>
        meetings.ApproveMinutesAsync(guard.User, id, draftVersion, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostTaskAsync(Guid id) => WriteAsync(id, DataKind.FollowUp, guard.User.Sector, "followup.create", nameof(NewTask), () =>
        followUps.CreateFromMeetingAsync(guard.User, id, new FollowUpService.CreateCommand(
            NewTask.Description, NewTask.OwnerOrganizationId, NewTask.OwnerUserId, NewTask.DueDate), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostNextAsync(Guid id)
    {
        if (await PatientOfAsync(id) is not { } patientId)
        {
            return NotFound();
        }

        if (!(await guard.CheckAsync(patientId, DataKind.Meeting, AccessMode.Write, "meeting.request-next", id.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        var outcome = await meetings.RequestNextAsync(guard.User, id, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            return RedirectToPage("/Meetings/Plan", new { id = outcome.Value!.Id });
        }

        ModelState.AddErrors(string.Empty, outcome.Errors);
        await LoadAsync(id, prefillMinutes: true);
        return Page();
    }

    private async Task<IActionResult> WriteAsync<T>(Guid id, DataKind kind, Sector? sector, string action, string prefix, Func<Task<Core.Common.Outcome<T>>> change)
    {
        if (await PatientOfAsync(id) is not { } patientId)
        {
            return NotFound();
        }

        var ct = HttpContext.RequestAborted;
        var decision = sector is { } s
            ? await guard.CheckAsync(patientId, kind, AccessMode.Write, s, action, id.ToString(), ct)
            : await guard.CheckAsync(patientId, kind, AccessMode.Write, action, id.ToString(), ct);
        if (!decision.Allowed)
        {
            return Forbid();
        }

        if (ModelState.BindingIsValid())
        {
            var outcome = await change();
            if (outcome.Succeeded)
            {
                return RedirectToPage(new { id });
            }

            ModelState.AddErrors(prefix, outcome.Errors);
        }

        await LoadAsync(id, prefillMinutes: false);
        return Page();
    }

    private Task<Guid?> PatientOfAsync(Guid id) =>
        db.Meetings.Where(m => m.Id == id).Select(m => (Guid?)m.PatientId).FirstOrDefaultAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(Guid id, bool prefillMinutes)
    {
        var ct = HttpContext.RequestAborted;
        var user = guard.User;
        Today = DanishCalendar.Today(clock);
        Meeting = await db.Meetings.AsNoTracking()
            .Include(m => m.Patient).Include(m => m.HostOrganization).Include(m => m.Minutes)
            .Include(m => m.Participants).ThenInclude(p => p.TeamMember).ThenInclude(t => t!.Organization)
            .FirstAsync(m => m.Id == id, ct);
        IsChair = MeetingService.IsChair(user, Meeting);
        Attendance.Version = Meeting.Version;

        MinutesVisible = Meeting.HostSector is { } hostSector && Meeting.Minutes.Count > 0
            && (await guard.CheckAsync(Meeting.PatientId, DataKind.Minutes, AccessMode.Read, hostSector, "minutes.read", id.ToString(), ct)).Allowed;
        Versions = MinutesVisible ? Meeting.Minutes.OrderByDescending(v => v.Number).ToList() : [];
        if (prefillMinutes && Versions.FirstOrDefault() is { } latest)
        {
            Minutes = new MinutesInput
            {
                DraftVersion = latest.State == MinutesState.Draft ? latest.Version : null,
                StatusSinceLast = latest.StatusSinceLast,
                PatientGoals = latest.PatientGoals,
                Treatment = latest.Treatment,
                SocialSupport = latest.SocialSupport,
                CrisisPlan = latest.CrisisPlan,
                AgreedActions = latest.AgreedActions,
                NextMeeting = latest.NextMeeting,
            };
        }

        var tasks = await db.FollowUpTasks.AsNoTracking().Include(t => t.OwnerOrganization).Include(t => t.OwnerUser)
            .Where(t => t.MeetingId == id).ToListAsync(ct);
        var visibleTasks = new List<FollowUpTask>();
        foreach (var group in tasks.GroupBy(t => t.OwnerOrganization!.Sector))
        {
            if ((await guard.CheckAsync(Meeting.PatientId, DataKind.FollowUp, AccessMode.Read, group.Key, "followup.list", id.ToString(), ct)).Allowed)
            {
                visibleTasks.AddRange(group);
            }
            else
            {
                HiddenTasks += group.Count();
            }
        }

        Tasks = visibleTasks.Select(t => new TaskList.Row(
            t.Id, t.Version, t.Description, Meeting.Patient!.FullName, null,
            t.OwnerOrganization!.Name + (t.OwnerUser is null ? string.Empty : $", {t.OwnerUser.Name}"),
            t.DueDate, FollowUpService.IsOwner(user, t), t.CompletedAt, t.CompletedByName)).ToList();

        if (IsChair)
        {
            var staff = await db.TeamMembers.AsNoTracking().Include(m => m.Organization).Include(m => m.StaffUser)
                .Where(m => m.PatientId == Meeting.PatientId && m.RemovedAt == null && m.StaffUserId != null)
                .ToListAsync(ct);
            OwnerOrganizations = staff.Select(m => m.Organization!).DistinctBy(o => o.Id).OrderBy(o => o.Name)
                .Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToList();
            OwnerUsers = staff.OrderBy(m => m.Name)
                .Select(m => new SelectListItem($"{m.Name} ({m.Organization!.Name})", m.StaffUserId.ToString())).ToList();
        }
    }
}
