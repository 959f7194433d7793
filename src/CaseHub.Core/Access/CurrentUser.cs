using CaseHub.Core.Organizations;

namespace CaseHub.Core.Access;

/// <summary>The signed-in staff member as the access policy sees them.</summary>
public sealed record CurrentUser(
    Guid UserId,
    string Username,
    string Name,
    Guid OrganizationId,
    string OrganizationName,
    OrganizationKind OrganizationKind,
    Guid? OrganizationParentId,
    IReadOnlyList<string> Roles)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    public Sector Sector => Organization.SectorOf(OrganizationKind);

    /// <summary>The municipality the user works for, directly or through a municipal unit.</summary>
    public Guid? MunicipalityId => OrganizationKind switch
    {
        OrganizationKind.Municipality => OrganizationId,
        OrganizationKind.MunicipalUnit => OrganizationParentId,
        _ => null,
    };
}
