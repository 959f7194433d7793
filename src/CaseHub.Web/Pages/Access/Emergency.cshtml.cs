using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Access;

/// <summary>Nødadgang (break the glass): a ward contact person states why and gets time-limited reading access.</summary>
public class EmergencyModel(PatientGuard guard, EmergencyAccessService emergency, CaseHubDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public string? Reason { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int Hours => (int)emergency.Duration.TotalHours;

    public async Task<IActionResult> OnGetAsync(Guid patientId) =>
        !EmergencyAccessService.MayBreakTheGlass(guard.User) ? Forbid()
        : await db.Patients.AnyAsync(p => p.Id == patientId, HttpContext.RequestAborted) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid patientId)
    {
        var user = guard.User;
        if (!EmergencyAccessService.MayBreakTheGlass(user))
        {
            return Forbid();
        }

        if (!await db.Patients.AnyAsync(p => p.Id == patientId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        var outcome = await emergency.StartAsync(user, patientId, Input.Reason, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError($"Input.{field}", message);
            }

            return Page();
        }

        return RedirectToPage("/Patients/Case", new { id = patientId });
    }
}
