using System.Security.Claims;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseHub.Web.Auth;

/// <summary>
/// The development sign-in: demo users chosen from a list, and bearer tokens for scripts and API tests. Mapped only
/// in Development; the authentication scheme it depends on exists only there too.
/// </summary>
public static class DevSignIn
{
    public sealed record DevUserDto(string Username, string Name, string Role, string Organization);

    public sealed record TokenRequest(string? Username);

    /// <summary>The demo users with their organization, in the order the sign-in page shows them.</summary>
    public static Task<List<StaffUser>> DemoUsersAsync(CaseHubDbContext db, CancellationToken ct = default) =>
        db.StaffUsers.AsNoTracking().Include(u => u.Organization).Where(u => u.IsDemo).OrderBy(u => u.Username).ToListAsync(ct);

    /// <summary>A principal for a demo user, or null when no such demo user exists.</summary>
    public static async Task<ClaimsPrincipal?> PrincipalForAsync(CaseHubDbContext db, string? username, string authenticationType, CancellationToken ct = default)
    {
        var user = await db.StaffUsers.AsNoTracking().Include(u => u.Organization)
            .FirstOrDefaultAsync(u => u.IsDemo && u.Username == username, ct);
        return user?.Organization is null
            ? null
            : new ClaimsPrincipal(CaseHubClaims.IdentityFor(user, user.Organization, authenticationType));
    }

    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/dev").AllowAnonymous().RequireRateLimiting(Hardening.HardeningSetup.SignInPolicy);

        dev.MapGet("/users", async (CaseHubDbContext db, CancellationToken ct) =>
            (await DemoUsersAsync(db, ct))
                .Select(u => new DevUserDto(u.Username, u.Name, u.Roles.FirstOrDefault() ?? string.Empty, u.Organization!.Name)));

        dev.MapPost("/token", async (TokenRequest request, CaseHubDbContext db, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var principal = await PrincipalForAsync(db, request.Username, AuthenticationSetup.DevBearerScheme, ct);
            if (principal is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Ukendt testbruger", detail: $"'{request.Username}' er ikke en testbruger; se /dev/users.");
            }

            var bearer = options.Get(AuthenticationSetup.DevBearerScheme);
            var now = clock.GetUtcNow();
            var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + bearer.BearerTokenExpiration };
            var token = bearer.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, $"{AuthenticationSetup.DevBearerScheme}:AccessToken"));
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = token,
                ["token_type"] = "Bearer",
                ["expires_in"] = (long)bearer.BearerTokenExpiration.TotalSeconds,
            });
        });

        return app;
    }
}
