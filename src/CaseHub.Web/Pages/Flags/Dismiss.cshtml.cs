using CaseHub.Core.Access;
using CaseHub.Core.Data;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Flags;

/// <summary>The owning organization dismisses a flag with a reason (audited); it stays dismissed.</summary>
public class DismissModel(PatientGuard guard, FlagWorklist worklist, CaseHubDbContext db, Core.Flags.FlagDismissal dismissal) : PageModel
{
    public FlagRow Flag { get; private set; } = default!;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var flag = await LoadAsync(id, AccessMode.Read, "flag.read");
        if (flag is null)
        {
            return Forbid();
        }

        Version = flag.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var flag = await LoadAsync(id, AccessMode.Write, "flag.dismiss");
        if (flag is null)
        {
            return Forbid();
        }

        var outcome = await dismissal.DismissAsync(guard.User, id, Version, Reason, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field == "Reason" ? nameof(Reason) : string.Empty, message);
            }

            return Page();
        }

        return Redirect("/Flags");
    }

    /// <summary>The flag when the user's organization owns it and the user may work on the patient; audited.</summary>
    private async Task<Core.Flags.Flag?> LoadAsync(Guid id, AccessMode mode, string action)
    {
        var user = guard.User;
        var flag = await db.Flags.FirstOrDefaultAsync(f => f.Id == id && f.OwnerOrganizationId == user.OrganizationId, HttpContext.RequestAborted);
        if (flag is null || !(await guard.CheckAsync(flag.PatientId, Core.Flags.FlagSubject.DataKindOf(flag.SubjectKind), mode, action, id.ToString(), HttpContext.RequestAborted)).Allowed)
        {
            return null;
        }

        Flag = (await worklist.RowsAsync(db.Flags.Where(f => f.Id == id), user, 1, HttpContext.RequestAborted)).Single();
        return flag;
    }
}
