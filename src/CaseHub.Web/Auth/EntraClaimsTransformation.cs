using System.Security.Claims;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CaseHub.Web.Auth;

/// <summary>
/// Turns an Entra ID principal into a CaseHub staff user: only tenants on the allow-list, roles from the
/// <c>roles</c> claim, the organization from a claim (<c>CaseHub:OrganizationClaim</c>, an organization code) or
/// from the tenant's configured organization (<c>CaseHub:TenantOrganizations:{tenantId}</c>). A principal that
/// cannot be mapped gets no CaseHub claims and so passes no policy.
/// </summary>
public sealed partial class EntraClaimsTransformation(
    CaseHubDbContext db, IConfiguration configuration, IMemoryCache cache, ILogger<EntraClaimsTransformation> logger) : IClaimsTransformation
{
    private const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.HasClaim(c => c.Type == CaseHubClaims.UserId) || principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return principal;
        }

        var tenant = principal.FindFirstValue(TenantIdClaim) ?? principal.FindFirstValue("tid");
        var objectId = principal.FindFirstValue(ObjectIdClaim) ?? principal.FindFirstValue("oid");
        if (tenant is null || objectId is null || !ProductionSettings.AllowedTenants(configuration).Contains(tenant))
        {
            LogRefused(logger, tenant ?? "(none)");
            return principal;
        }

        var orgCode = principal.FindFirstValue(configuration["CaseHub:OrganizationClaim"] ?? "casehub_org")
            ?? configuration[$"CaseHub:TenantOrganizations:{tenant}"];
        if (orgCode is null)
        {
            LogNoOrganization(logger, tenant);
            return principal;
        }

        var roles = principal.FindAll(identity.RoleClaimType).Concat(principal.FindAll("roles"))
            .Select(c => c.Value).Where(Roles.All.Contains).Distinct().Order().ToList();
        var name = principal.FindFirstValue("name") ?? principal.Identity.Name ?? objectId;

        var claims = await cache.GetOrCreateAsync($"staff:{objectId}:{orgCode}:{string.Join(',', roles)}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return await SyncStaffUserAsync(objectId, name, orgCode, roles);
        });
        if (claims is null)
        {
            return principal;
        }

        identity.AddClaims(claims.Where(c => c.Type != ClaimTypes.Role || !principal.IsInRole(c.Value)));
        return principal;
    }

    private async Task<List<Claim>?> SyncStaffUserAsync(string objectId, string name, string orgCode, List<string> roles)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Code == orgCode);
        if (organization is null)
        {
            LogNoOrganization(logger, orgCode);
            return null;
        }

        var user = await db.StaffUsers.FirstOrDefaultAsync(u => u.Username == objectId);
        if (user is null)
        {
            user = new StaffUser { Username = objectId, Name = name };
            db.StaffUsers.Add(user);
        }

        user.Name = name;
        user.OrganizationId = organization.Id;
        user.Roles = roles;
        await db.SaveChangesAsync();
        return CaseHubClaims.ClaimsFor(user, organization).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: tenant {Tenant} is not on CaseHub:AllowedTenants")]
    private static partial void LogRefused(ILogger logger, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: no CaseHub organization for {Key}")]
    private static partial void LogNoOrganization(ILogger logger, string key);
}
