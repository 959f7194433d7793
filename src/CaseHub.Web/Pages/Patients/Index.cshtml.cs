using CaseHub.Core.Access;
using CaseHub.Core.Admissions;
using CaseHub.Core.Audit;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Patients;

/// <summary>
/// Mine patienter: for ward staff the patients admitted to their ward; for caseworkers the citizens of their
/// municipality who are or recently were admitted. Only patients the access policy lets the user see.
/// </summary>
public class IndexModel(PatientGuard guard, AuditLog audit, TimeProvider clock, Core.Data.CaseHubDbContext db) : PageModel
{
    private const int RecentlyDischargedDays = 30;

    public sealed record Row(Guid PatientId, string Name, string Cpr, string Ward, DateTime Start, DateTime? End,
        DateOnly? PlannedDischarge, LegalBasis LegalBasis, bool InTargetGroup);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Q { get; private set; }

    public bool CanAdmit { get; private set; }

    public string Explanation { get; private set; } = string.Empty;

    public Task OnGetAsync() => ListAsync(null);

    public async Task<IActionResult> OnPostAsync(string? q)
    {
        await ListAsync(q);

        // Ward staff who search a full CPR number of a patient they have no relation to are refused (audited), and the
        // "Ingen adgang" page offers nødadgang for that patient.
        if (Rows.Count == 0 && EmergencyAccessService.MayBreakTheGlass(guard.User) && CprNumber.TryParse(Q, out var cpr, out _)
            && await db.Patients.Where(p => p.Cpr == cpr.Value).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(HttpContext.RequestAborted) is { } patientId
            && !(await guard.CheckAsync(patientId, DataKind.Case, AccessMode.Read, "search", ct: HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        return Page();
    }

    private async Task ListAsync(string? q)
    {
        var user = guard.User;
        Q = q?.Trim();
        CanAdmit = user.IsInRole(Roles.PsychiatryContactPerson) && user.OrganizationKind == OrganizationKind.HospitalWard;
        Explanation = CanAdmit
            ? "Borgere, der er indlagt på dit afsnit, og borgere udskrevet inden for de seneste 30 dage."
            : "Borgere fra din kommune, der er indlagt, eller som er udskrevet inden for de seneste 30 dage.";

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-RecentlyDischargedDays);
        var patients = guard.VisiblePatients();
        if (!string.IsNullOrEmpty(Q))
        {
            var digits = Q.Replace("-", string.Empty, StringComparison.Ordinal);
            patients = patients.Where(p => p.Cpr.StartsWith(digits) || (p.GivenName + " " + p.FamilyName).Contains(Q));
        }

        var admissions = patients.SelectMany(p => p.Admissions)
            .Where(a => a.End == null || a.End >= since || !string.IsNullOrEmpty(Q));
        if (CanAdmit)
        {
            admissions = admissions.Where(a => a.WardId == user.OrganizationId);
        }

        var rows = await admissions
            .OrderBy(a => a.End != null).ThenBy(a => a.PlannedDischargeDate).ThenBy(a => a.Patient!.FamilyName)
            .Select(a => new
            {
                a.PatientId, a.Patient!.GivenName, a.Patient.FamilyName, a.Patient.Cpr, Ward = a.Ward!.Name,
                a.Start, a.End, a.PlannedDischargeDate, a.LegalBasis, a.TargetGroupMarking,
            })
            .Take(200)
            .ToListAsync(HttpContext.RequestAborted);

        Rows = rows.Select(r => new Row(
            r.PatientId, $"{r.GivenName} {r.FamilyName}", CprNumber.Parse(r.Cpr).ToDisplayString(), r.Ward, r.Start, r.End,
            r.PlannedDischargeDate, r.LegalBasis,
            Admission.InTargetGroup(r.LegalBasis, r.TargetGroupMarking))).ToList();

        // A list of names and CPR numbers is a read of each listed patient's data.
        await audit.RecordListAsync(user, DataKind.Case, Rows.Select(r => r.PatientId).Distinct(), HttpContext.RequestAborted);
    }
}
