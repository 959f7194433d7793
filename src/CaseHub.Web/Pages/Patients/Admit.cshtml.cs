using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Patients;

/// <summary>A ward registers an admission by hand (until hospital notifications arrive by themselves).</summary>
public class AdmitModel(PatientGuard guard, AdmitPatient admit, AuditLog audit, CaseHubDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public string? Cpr { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public string? MunicipalityCode { get; set; }

        public DateOnly? AdmittedOn { get; set; }

        public DateOnly? PlannedDischargeDate { get; set; }

        public LegalBasis LegalBasis { get; set; }

        public TargetGroupMarking TargetGroupMarking { get; set; }

        public string? TargetGroupReason { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Municipalities { get; private set; } = [];

    public string WardName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!AdmitPatient.MayAdmit(guard.User))
        {
            return Forbid();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = guard.User;
        if (!AdmitPatient.MayAdmit(user))
        {
            return Forbid();
        }

        // Binding errors (a date that is not a date) are shown next to their field in Danish.
        foreach (var key in ModelState.Keys.Where(k => ModelState[k]!.Errors.Count > 0).ToList())
        {
            ModelState.Remove(key);
            ModelState.AddModelError(key, "Værdien er ikke gyldig.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var outcome = await admit.ExecuteAsync(user, new AdmitPatient.Command(
            Input.Cpr, Input.GivenName, Input.FamilyName, Input.MunicipalityCode, Input.AdmittedOn, Input.PlannedDischargeDate,
            Input.LegalBasis, Input.TargetGroupMarking, Input.TargetGroupReason), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field.Length == 0 ? string.Empty : $"{nameof(Input)}.{field}", message);
            }

            await LoadAsync();
            return Page();
        }

        var admission = outcome.Value!;
        await audit.RecordAsync(user, "admission.create", DataKind.Case, admission.Id.ToString(), admission.PatientId,
            new AccessDecision(true, AdmitPatient.AccessRule), HttpContext.RequestAborted);
        return RedirectToPage("/Patients/Case", new { id = admission.PatientId });
    }

    private async Task LoadAsync()
    {
        var user = guard.User;
        WardName = user.OrganizationName;
        Municipalities = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Municipality)
            .OrderBy(o => o.Name)
            .Select(o => new SelectListItem(o.Name, o.Code))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
