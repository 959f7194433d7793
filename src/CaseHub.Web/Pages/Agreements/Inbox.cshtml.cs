using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Audit;
using CaseHub.Core.Data;
using CaseHub.Core.Patients;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>Indbakke: the documents wards have sent to the caseworker's municipality, waiting ones first.</summary>
public class InboxModel(PatientGuard guard, CaseHubDbContext db, AuditLog audit) : PageModel
{
    public sealed record Row(Guid Id, Guid PatientId, string PatientName, string Cpr, DocumentKind Kind, int Revision,
        DocumentStatus Status, string Ward, DateOnly? DischargeOn, DateTime UpdatedAt);

    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    public IReadOnlyList<Row> Answered { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = guard.User;
        if (user.MunicipalityId is not { } municipalityId)
        {
            return Forbid();
        }

        // A correlated EXISTS per document (a primary-key lookup), not IN (visible ids): SQLite would build the IN list
        // by scanning every patient in the country (seconds at national scale, see docs/performance.md).
        var visible = guard.VisiblePatients(DataKind.Document);
        var rows = await db.CareDocuments.AsNoTracking()
            .Where(d => d.ReceivingMunicipalityId == municipalityId && visible.Any(p => p.Id == d.PatientId)
                && (d.Status == DocumentStatus.Sent || d.Status == DocumentStatus.Accepted || d.Status == DocumentStatus.Active))
            .OrderBy(d => d.DischargeOn).ThenBy(d => d.UpdatedAt)
            .Select(d => new
            {
                d.Id, d.PatientId, d.Patient!.GivenName, d.Patient.FamilyName, d.Patient.Cpr, d.Kind, d.Revision, d.Status,
                Ward = d.AuthoringWard!.Name, d.DischargeOn, d.UpdatedAt,
            })
            .Take(300)
            .ToListAsync(HttpContext.RequestAborted);
        var all = rows.Select(r => new Row(r.Id, r.PatientId, $"{r.GivenName} {r.FamilyName}", CprNumber.Parse(r.Cpr).ToDisplayString(),
            r.Kind, r.Revision, r.Status, r.Ward, r.DischargeOn, r.UpdatedAt)).ToList();
        Waiting = all.Where(r => r.Status == DocumentStatus.Sent).ToList();
        Answered = all.Where(r => r.Status != DocumentStatus.Sent).OrderByDescending(r => r.UpdatedAt).ToList();

        // A list of names and CPR numbers with their documents is a read of each listed patient's documents.
        await audit.RecordListAsync(user, DataKind.Document, all.Select(r => r.PatientId).Distinct(), HttpContext.RequestAborted);
        return Page();
    }
}
