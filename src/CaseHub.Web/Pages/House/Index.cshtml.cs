using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Calendar;
using CaseHub.Core.Consents;
using CaseHub.Core.Data;
using CaseHub.Core.Meetings;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.House;

/// <summary>
/// The house's own overview: its current forløb with stafetholders, next meeting and open tasks, and finding a
/// citizen by CPR number to record consent. Forløb whose consent has lapsed drop out, as the house may no longer see them.
/// </summary>
public class IndexModel(PatientGuard guard, CaseHubDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public sealed record Row(
        Guid PatientId, string Name, DateOnly Start, string? RegionHolder, string? MunicipalityHolder,
        DateTime? NextMeeting, int OpenTasks, int OverdueTasks);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The CPR number looked up; posted, never taken from the query string.</summary>
    [BindProperty]
    public string? Cpr { get; set; }

    public string? CprError { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Cpr = null;
        return HouseCourseService.IsHouseCoordinator(guard.User) ? await ListAsync() : Forbid();
    }

    /// <summary>Finds a citizen of the house's municipality by CPR number and opens their forløb page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!HouseCourseService.IsHouseCoordinator(guard.User))
        {
            return Forbid();
        }

        if (!CprNumber.TryParse(Cpr ?? string.Empty, out var cpr, out var error))
        {
            CprError = error;
            return await ListAsync();
        }

        var id = await guard.VisiblePatients(DataKind.Consent).Where(p => p.Cpr == cpr.Value).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (id is { } patientId)
        {
            return RedirectToPage("/House/Course", new { patientId });
        }

        CprError = "Der er ingen borger med dette CPR-nummer i husets kommune.";
        return await ListAsync();
    }

    private async Task<IActionResult> ListAsync()
    {
        var user = guard.User;
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DanishCalendar.Today(clock);
        var visible = guard.VisiblePatients(DataKind.Team).Select(p => p.Id);
        var courses = await db.HouseCourses.AsNoTracking()
            .Where(c => c.HouseId == user.OrganizationId && c.EndDate == null && visible.Contains(c.PatientId))
            .OrderBy(c => c.Patient!.FamilyName)
            .Select(c => new
            {
                c.PatientId,
                Name = c.Patient!.GivenName + " " + c.Patient.FamilyName,
                c.StartDate,
                Region = db.Stafetholders.Where(s => s.PatientId == c.PatientId && s.To == null && s.Sector == Sector.Region).Select(s => s.TeamMember!.Name).FirstOrDefault(),
                Municipality = db.Stafetholders.Where(s => s.PatientId == c.PatientId && s.To == null && s.Sector == Sector.Municipality).Select(s => s.TeamMember!.Name).FirstOrDefault(),
                Next = db.Meetings.Where(m => m.PatientId == c.PatientId && m.Status == MeetingStatus.Planned && m.Start >= now).Min(m => m.Start),
                Open = db.FollowUpTasks.Count(t => t.PatientId == c.PatientId && t.CompletedAt == null),
                Overdue = db.FollowUpTasks.Count(t => t.PatientId == c.PatientId && t.CompletedAt == null && t.DueDate < today),
            })
            .ToListAsync(ct);
        Rows = courses.Select(c => new Row(c.PatientId, c.Name, c.StartDate, c.Region, c.Municipality, c.Next, c.Open, c.Overdue)).ToList();
        await audit.RecordListAsync(user, DataKind.Team, Rows.Select(r => r.PatientId), ct);
        return Page();
    }
}
