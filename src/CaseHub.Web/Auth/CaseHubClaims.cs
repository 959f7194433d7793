using System.Globalization;
using System.Security.Claims;
using CaseHub.Core.Access;
using CaseHub.Core.Organizations;

namespace CaseHub.Web.Auth;

/// <summary>
/// The claims CaseHub puts on a signed-in principal, whatever signed them in (Entra ID, the development sign-in, a
/// test scheme), and the way back from claims to a <see cref="CurrentUser"/>.
/// </summary>
public static class CaseHubClaims
{
    public const string UserId = "casehub/user";
    public const string Username = "casehub/username";
    public const string OrganizationId = "casehub/org";
    public const string OrganizationName = "casehub/org_name";
    public const string OrganizationKind = "casehub/org_kind";
    public const string OrganizationParentId = "casehub/org_parent";

    public static ClaimsIdentity IdentityFor(StaffUser user, Organization organization, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims(ClaimsFor(user, organization));
        return identity;
    }

    public static IEnumerable<Claim> ClaimsFor(StaffUser user, Organization organization)
    {
        yield return new Claim(UserId, user.Id.ToString());
        yield return new Claim(Username, user.Username);
        yield return new Claim(ClaimTypes.Name, user.Name);
        yield return new Claim(OrganizationId, organization.Id.ToString());
        yield return new Claim(OrganizationName, organization.Name);
        yield return new Claim(OrganizationKind, organization.Kind.ToString());
        if (organization.ParentId is { } parent)
        {
            yield return new Claim(OrganizationParentId, parent.ToString());
        }

        foreach (var role in user.Roles)
        {
            yield return new Claim(ClaimTypes.Role, role);
        }
    }

    /// <summary>The current user, or null when the principal is not a CaseHub staff user.</summary>
    public static CurrentUser? ToCurrentUser(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(UserId), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(OrganizationId), out var orgId)
            || !Enum.TryParse<OrganizationKind>(principal.FindFirstValue(OrganizationKind), out var kind))
        {
            return null;
        }

        Guid? parent = Guid.TryParse(principal.FindFirstValue(OrganizationParentId), CultureInfo.InvariantCulture, out var p) ? p : null;
        return new CurrentUser(
            userId,
            principal.FindFirstValue(Username) ?? string.Empty,
            principal.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
            orgId,
            principal.FindFirstValue(OrganizationName) ?? string.Empty,
            kind,
            parent,
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());
    }
}
