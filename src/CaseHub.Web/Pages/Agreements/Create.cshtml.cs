using CaseHub.Core.Access;
using CaseHub.Core.Agreements;
using CaseHub.Core.Data;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Agreements;

/// <summary>Starts an udskrivningsaftale or koordinationsplan from the case page's admission, then opens it.</summary>
public class CreateModel(PatientGuard guard, CareDocuments documents, CaseHubDbContext db) : PageModel
{
    public Guid PatientId { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Patients/Index");

    public async Task<IActionResult> OnPostAsync(Guid admissionId, DocumentKind kind)
    {
        var patientId = await db.Admissions.Where(a => a.Id == admissionId).Select(a => (Guid?)a.PatientId).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (patientId is null)
        {
            return NotFound();
        }

        PatientId = patientId.Value;
        if (!(await guard.CheckAsync(PatientId, DataKind.Document, AccessMode.Write, "document.create", admissionId.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        var outcome = await documents.CreateAsync(guard.User, admissionId, kind, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (_, message) in outcome.Errors)
            {
                ModelState.AddModelError(string.Empty, message);
            }

            return Page();
        }

        return RedirectToPage("/Agreements/Document", new { id = outcome.Value!.Id });
    }
}
