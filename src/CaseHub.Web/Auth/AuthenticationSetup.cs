using CaseHub.Core.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;

namespace CaseHub.Web.Auth;

/// <summary>
/// Sign-in: Entra ID (OpenID Connect for people, JWT bearer for API clients) in every environment but Development,
/// where a demo sign-in and <c>/dev/token</c> bearer tokens take their place. One policy scheme picks bearer or
/// cookie per request, so pages and the API share the same authorization.
/// </summary>
public static class AuthenticationSetup
{
    public const string Scheme = "CaseHub";
    public const string DevBearerScheme = "DevBearer";

    /// <summary>Requires a CaseHub staff user: signed in, and mapped to an organization.</summary>
    public const string StaffPolicy = "Staff";
    public const string AdministratorPolicy = "Administrator";
    public const string AnalystPolicy = "Analyst";

    public static IServiceCollection AddCaseHubAuthentication(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var isDevelopment = environment.IsDevelopment();
        var bearerScheme = isDevelopment ? DevBearerScheme : JwtBearerDefaults.AuthenticationScheme;

        var auth = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "CaseHub", options =>
            {
                // API clients get 401/403; browsers go to /Account/SignIn, which in production challenges Entra ID.
                options.ForwardDefaultSelector = ctx => IsApiRequest(ctx.Request) ? bearerScheme : CookieAuthenticationDefaults.AuthenticationScheme;
            });

        if (isDevelopment)
        {
            auth.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);
            auth.AddBearerToken(DevBearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(8));
        }
        else
        {
            ProductionSettings.Validate(configuration);
            auth.AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"), OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
            auth.AddMicrosoftIdentityWebApi(configuration.GetSection("AzureAd"), JwtBearerDefaults.AuthenticationScheme);
            services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);
            services.AddMemoryCache();
            services.AddScoped<IClaimsTransformation, EntraClaimsTransformation>();
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(CaseHubClaims.UserId))
            .AddPolicy(AdministratorPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(CaseHubClaims.UserId).RequireRole(Roles.Administrator))
            .AddPolicy(AnalystPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(CaseHubClaims.UserId).RequireRole(Roles.Analyst, Roles.Administrator))
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(CaseHubClaims.UserId).Build())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(CaseHubClaims.UserId).Build());

        return services;
    }

    /// <summary>API requests authenticate with a bearer token and are never redirected to a sign-in page.</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/fhir")
        || request.Path.StartsWithSegments("/api");

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "casehub.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/Account/SignIn";
        options.LogoutPath = "/Account/SignOut";

        // A refusal is a 403 with the Danish "Ingen adgang" page (rendered by the status code page), not a redirect.
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };

        // Signed out after 30 minutes without activity.
        options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
        options.SlidingExpiration = true;
    }
}
