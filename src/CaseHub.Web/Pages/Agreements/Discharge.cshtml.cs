using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Flags;
using Hangfire;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>The ward registers the discharge; accepted documents of the admission become active.</summary>
public class DischargeModel(PatientGuard guard, CareDocuments documents, CaseHubDbContext db, TimeProvider clock, IBackgroundJobClient jobs) : PageModel
{
    [BindProperty]
    public DateOnly? DischargedOn { get; set; }

    public string PatientName { get; private set; } = string.Empty;

    public Guid PatientId { get; private set; }

    public int AcceptedCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid admissionId)
    {
        var result = await CheckAsync(admissionId, "read");
        if (result is not null)
        {
            return result;
        }

        DischargedOn = DanishCalendar.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid admissionId)
    {
        var result = await CheckAsync(admissionId, "admission.discharge");
        if (result is not null)
        {
            return result;
        }

        if (ModelState[nameof(DischargedOn)] is { Errors.Count: > 0 })
        {
            ModelState.Remove(nameof(DischargedOn));
            ModelState.AddModelError(nameof(DischargedOn), "Datoen er ikke gyldig.");
            return Page();
        }

        var outcome = await documents.RegisterDischargeAsync(guard.User, admissionId, DischargedOn, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        // A discharge is what the missing-plan rules react to: evaluate this patient now, not at the next cycle.
        jobs.Enqueue<EvaluateFlagsJob>(job => job.RunForPatientAsync(PatientId));
        return RedirectToPage("/Patients/Case", new { id = PatientId });
    }

    private async Task<IActionResult?> CheckAsync(Guid admissionId, string action)
    {
        var admission = await db.Admissions.AsNoTracking().Where(a => a.Id == admissionId)
            .Select(a => new { a.PatientId, a.Patient!.GivenName, a.Patient.FamilyName }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (admission is null)
        {
            return NotFound();
        }

        var mode = action == "read" ? AccessMode.Read : AccessMode.Write;
        if (!(await guard.CheckAsync(admission.PatientId, DataKind.Case, mode, action, admissionId.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        PatientId = admission.PatientId;
        PatientName = $"{admission.GivenName} {admission.FamilyName}";
        AcceptedCount = await db.CareDocuments.CountAsync(d => d.AdmissionId == admissionId && d.Status == DocumentStatus.Accepted, HttpContext.RequestAborted);
        return null;
    }
}
