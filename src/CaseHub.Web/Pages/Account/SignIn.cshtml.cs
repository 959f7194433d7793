using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseHub.Web.Pages.Account;

/// <summary>
/// Sign-in. In Development: pick a demo user ("Vælg testbruger"). Everywhere else: straight on to Entra ID; the
/// demo sign-in cannot be reached.
/// </summary>
public class SignInModel(CaseHubDbContext db, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<StaffUser> Users { get; private set; } = [];

    public string ReturnUrl { get; private set; } = "/";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        if (!environment.IsDevelopment())
        {
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, OpenIdConnectDefaults.AuthenticationScheme);
        }

        Users = await DevSignIn.DemoUsersAsync(db, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? returnUrl)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        ReturnUrl = SafeReturnUrl(returnUrl);
        var principal = await DevSignIn.PrincipalForAsync(db, username, CookieAuthenticationDefaults.AuthenticationScheme, HttpContext.RequestAborted);
        if (principal is null)
        {
            Error = "Testbrugeren findes ikke. Vælg en bruger fra listen.";
            Users = await DevSignIn.DemoUsersAsync(db, HttpContext.RequestAborted);
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(ReturnUrl);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
