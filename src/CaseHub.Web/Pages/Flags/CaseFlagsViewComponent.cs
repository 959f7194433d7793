using CaseHub.Core.Data;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseHub.Web.Pages.Flags;

/// <summary>
/// The patient's open flags on the case page, whichever organization owns them: the page itself has already checked
/// and audited the user's access to the patient.
/// </summary>
public sealed class CaseFlagsViewComponent(FlagWorklist worklist, CaseHubDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid patientId)
    {
        var user = HttpContext.User.ToCurrentUser()!;
        var rows = await worklist.RowsAsync(db.Flags.Where(f => f.PatientId == patientId && f.ResolvedAt == null), user, 50, HttpContext.RequestAborted);
        return View("/Pages/Flags/_CaseFlags.cshtml", rows);
    }
}
