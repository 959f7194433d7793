using CaseHub.Core.Access;
using CaseHub.Core.Audit;
using CaseHub.Web.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseHub.Web.Pages.Flags;

/// <summary>Flag: the worklist of the user's organization.</summary>
public class IndexModel(PatientGuard guard, FlagWorklist worklist) : PageModel
{
    public IReadOnlyList<FlagRow> Rows { get; private set; } = [];

    public string OrganizationName { get; private set; } = string.Empty;

    public async Task OnGetAsync()
    {
        var user = guard.User;
        OrganizationName = user.OrganizationName;
        Rows = await worklist.RowsAsync(worklist.OpenFor(user), user, 500, HttpContext.RequestAborted);
        await worklist.AuditAsync(user, Rows, HttpContext.RequestAborted);
    }
}
