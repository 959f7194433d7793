using CaseHub.Core.Access;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Meetings;
using CaseHub.Core.Teams;
using CaseHub.Web.Access;
using CaseHub.Web.Components;
using CaseHub.Web.Pages.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Meetings;

/// <summary>The host organization plans a requested meeting: time, place, participants from the team, the patient's answer.</summary>
public class PlanModel(PatientGuard guard, CaseHubDbContext db, MeetingService meetings) : PageModel
{
    public sealed class InputModel
    {
        public int Version { get; set; }

        public DateOnly? Date { get; set; }

        public TimeOnly? StartTime { get; set; }

        public TimeOnly? EndTime { get; set; }

        public PlaceKind? PlaceKind { get; set; }

        public string? Place { get; set; }

        public List<Guid> ParticipantIds { get; set; } = [];

        public PatientParticipation PatientParticipation { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Meeting Meeting { get; private set; } = default!;

    public string PatientName { get; private set; } = string.Empty;

    public IReadOnlyList<ParticipantPicker.Member> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var patientId = await PatientOfAsync(id);
        if (patientId is null)
        {
            return NotFound();
        }

        if (!(await guard.CheckAsync(patientId.Value, DataKind.Meeting, AccessMode.Write, "meeting.plan-form", id.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        await LoadAsync(id);
        Input.Version = Meeting.Version;
        if (Meeting.Start is { } start)
        {
            var local = DanishCalendar.ToDanishTime(start);
            Input.Date = DateOnly.FromDateTime(local);
            Input.StartTime = TimeOnly.FromDateTime(local);
            Input.EndTime = Meeting.End is { } end ? TimeOnly.FromDateTime(DanishCalendar.ToDanishTime(end)) : null;
            Input.PlaceKind = Meeting.PlaceKind;
            Input.Place = Meeting.Place;
            Input.ParticipantIds = Meeting.Participants.Select(p => p.TeamMemberId).ToList();
            Input.PatientParticipation = Meeting.PatientParticipation;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var patientId = await PatientOfAsync(id);
        if (patientId is null)
        {
            return NotFound();
        }

        if (!(await guard.CheckAsync(patientId.Value, DataKind.Meeting, AccessMode.Write, "meeting.plan", id.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        if (ModelState.BindingIsValid())
        {
            var outcome = await meetings.PlanAsync(guard.User, id, new MeetingService.PlanCommand(
                Input.Version, Input.Date, Input.StartTime, Input.EndTime, Input.PlaceKind, Input.Place, Input.ParticipantIds,
                Input.PatientParticipation), HttpContext.RequestAborted);
            if (outcome.Succeeded)
            {
                return RedirectToPage("/Meetings/Details", new { id });
            }

            ModelState.AddErrors(nameof(Input), outcome.Errors);
        }

        await LoadAsync(id);
        return Page();
    }

    private Task<Guid?> PatientOfAsync(Guid id) =>
        db.Meetings.Where(m => m.Id == id).Select(m => (Guid?)m.PatientId).FirstOrDefaultAsync(HttpContext.RequestAborted);

    private async Task LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        Meeting = await db.Meetings.AsNoTracking().Include(m => m.Participants).Include(m => m.Patient).FirstAsync(m => m.Id == id, ct);
        PatientName = Meeting.Patient!.FullName;
        var members = await db.TeamMembers.AsNoTracking().Include(m => m.Organization)
            .Where(m => m.PatientId == Meeting.PatientId && m.RemovedAt == null)
            .OrderBy(m => m.Name).ToListAsync(ct);
        Members = members.Select(m => new ParticipantPicker.Member(
            m.Id, m.Name, m.Organization?.Name ?? m.Role.Danish() + (m.Function is null ? string.Empty : $", {m.Function}"), m.Sector)).ToList();
    }
}
