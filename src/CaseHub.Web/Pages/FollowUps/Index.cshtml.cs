using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.FollowUps;
using CaseHub.Web.Access;
using CaseHub.Web.Components;
using CaseHub.Web.Pages.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.FollowUps;

/// <summary>Mine opgaver: open follow-up tasks the user or their organization owns, by due date, overdue marked.</summary>
public class IndexModel(PatientGuard guard, CaseHubDbContext db, AuditLog audit, FollowUpService followUps, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TaskList.Row> Tasks { get; private set; } = [];

    public bool Descending { get; private set; }

    public DateOnly Today { get; private set; }

    public int Overdue { get; private set; }

    public async Task OnGetAsync(string? sort)
    {
        await LoadAsync(sort);
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid taskId, int version, string? returnUrl)
    {
        var ct = HttpContext.RequestAborted;
        var task = await db.FollowUpTasks.AsNoTracking().Include(t => t.OwnerOrganization).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
        {
            return NotFound();
        }

        if (!(await guard.CheckAsync(task.PatientId, DataKind.FollowUp, AccessMode.Write, task.OwnerOrganization!.Sector, "followup.complete", taskId.ToString(), ct)).Allowed)
        {
            return Forbid();
        }

        var outcome = await followUps.CompleteAsync(guard.User, taskId, version, ct);
        if (outcome.Succeeded)
        {
            return returnUrl is not null && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage();
        }

        ModelState.AddErrors(string.Empty, outcome.Errors);
        await LoadAsync(null);
        return Page();
    }

    private async Task LoadAsync(string? sort)
    {
        var ct = HttpContext.RequestAborted;
        var user = guard.User;
        Descending = sort == "due-desc";
        Today = DanishCalendar.Today(clock);
        var visible = guard.VisiblePatients(DataKind.FollowUp).Select(p => p.Id);
        var tasks = await db.FollowUpTasks.AsNoTracking()
            .Where(t => t.CompletedAt == null && (t.OwnerUserId == user.UserId || t.OwnerOrganizationId == user.OrganizationId))
            .Where(t => visible.Contains(t.PatientId))
            .Select(t => new
            {
                t.Id, t.Version, t.Description, t.PatientId, Patient = t.Patient!.GivenName + " " + t.Patient.FamilyName,
                Org = t.OwnerOrganization!.Name, Person = t.OwnerUser == null ? null : t.OwnerUser.Name, t.DueDate,
            })
            .Take(500)
            .ToListAsync(ct);
        Tasks = tasks.Select(t => new TaskList.Row(
            t.Id, t.Version, t.Description, t.Patient, $"/Patients/Case/{t.PatientId}", t.Person is null ? t.Org : $"{t.Person}, {t.Org}",
            t.DueDate, CanComplete: true)).ToList();
        Overdue = Tasks.Count(t => t.DueDate < Today);

        // A list of tasks with names is a read of each listed patient's follow-up data.
        await audit.RecordListAsync(user, DataKind.FollowUp, tasks.Select(t => t.PatientId).Distinct(), ct);
    }
}
