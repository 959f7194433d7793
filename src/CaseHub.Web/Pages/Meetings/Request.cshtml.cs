using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Core.Meetings;
using CaseHub.Web.Access;
using CaseHub.Web.Pages.Teams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Meetings;

/// <summary>Anyone on the team requests a netværksmøde, recording who asked and whether it is at discharge.</summary>
public class RequestModel(PatientGuard guard, CaseHubDbContext db, MeetingService meetings) : PageModel
{
    public sealed class InputModel
    {
        public MeetingRequester? RequestedBy { get; set; }

        public bool AtDischarge { get; set; }

        public string? Reason { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid PatientId { get; private set; }

    public string PatientName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid patientId)
    {
        if (!(await guard.CheckAsync(patientId, DataKind.Meeting, AccessMode.Write, "meeting.request-form", ct: HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        await LoadAsync(patientId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid patientId)
    {
        if (!(await guard.CheckAsync(patientId, DataKind.Meeting, AccessMode.Write, "meeting.request", ct: HttpContext.RequestAborted)).Allowed)
        {
            return Forbid();
        }

        if (ModelState.BindingIsValid())
        {
            var outcome = await meetings.RequestAsync(guard.User, patientId, Input.RequestedBy, Input.AtDischarge, Input.Reason, HttpContext.RequestAborted);
            if (outcome.Succeeded)
            {
                return RedirectToPage("/Meetings/Details", new { id = outcome.Value!.Id });
            }

            ModelState.AddErrors(nameof(Input), outcome.Errors);
        }

        await LoadAsync(patientId);
        return Page();
    }

    private async Task LoadAsync(Guid patientId)
    {
        PatientId = patientId;
        PatientName = await db.Patients.Where(p => p.Id == patientId).Select(p => p.GivenName + " " + p.FamilyName).FirstAsync(HttpContext.RequestAborted);
    }
}
