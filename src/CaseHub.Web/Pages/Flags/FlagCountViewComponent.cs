using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseHub.Web.Pages.Flags;

/// <summary>The number of open flags beside "Flag" in the navigation.</summary>
public sealed class FlagCountViewComponent(FlagWorklist worklist) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = HttpContext.User.ToCurrentUser();
        var count = user is null ? 0 : await worklist.CountAsync(user, HttpContext.RequestAborted);
        return Content(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
