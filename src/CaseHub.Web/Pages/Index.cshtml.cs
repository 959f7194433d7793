using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Core.Calendar;
using CaseHub.Core.Organizations;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages;

/// <summary>The start page: who you are and what needs attention among the patients you may see.</summary>
public class IndexModel(PatientGuard guard, TimeProvider clock, Flags.FlagWorklist flags) : PageModel
{
    public CurrentUser Me { get; private set; } = default!;

    public bool ShowsPatients { get; private set; }

    public int AdmittedNow { get; private set; }

    public int DischargeWithin7Days { get; private set; }

    public IReadOnlyList<Flags.FlagRow> Flags { get; private set; } = [];

    public int FlagCount { get; private set; }

    public async Task OnGetAsync()
    {
        Me = guard.User;
        ShowsPatients = Me.Roles.Any(r => r is Roles.PsychiatryContactPerson or Roles.MunicipalCaseworker);
        if (!ShowsPatients)
        {
            return;
        }

        var soon = DanishCalendar.Today(clock).AddDays(7);
        var admitted = guard.VisiblePatients().SelectMany(p => p.Admissions).Where(a => a.End == null);
        AdmittedNow = await admitted.Select(a => a.PatientId).Distinct().CountAsync(HttpContext.RequestAborted);
        DischargeWithin7Days = await admitted.CountAsync(a => a.PlannedDischargeDate != null && a.PlannedDischargeDate <= soon, HttpContext.RequestAborted);
        FlagCount = await flags.CountAsync(Me, HttpContext.RequestAborted);
        Flags = await flags.RowsAsync(flags.OpenFor(Me), Me, 10, HttpContext.RequestAborted);
        await flags.AuditAsync(Me, Flags, HttpContext.RequestAborted);
    }
}
