using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Core.Patients;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Audit;

/// <summary>Administrators look up a citizen by CPR number to answer a request for access to the audit trail.</summary>
[Authorize(Policy = AuthenticationSetup.AdministratorPolicy)]
public class IndexModel(CaseHubDbContext db) : PageModel
{
    [BindProperty]
    public string? Cpr { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CprNumber.TryParse(Cpr, out var cpr, out var error))
        {
            ModelState.AddModelError(nameof(Cpr), error);
            return Page();
        }

        var patientId = await db.Patients.Where(p => p.Cpr == cpr.Value).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (patientId is null)
        {
            ModelState.AddModelError(nameof(Cpr), "Der findes ingen borger med dette CPR-nummer i CaseHub.");
            return Page();
        }

        return RedirectToPage("/Audit/Patient", new { id = patientId });
    }
}
