using CaseHub.Core.Organizations;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Organizations;

/// <summary>
/// A staff user as casehub-practitioner (the person) and casehub-practitioner-role (roles, title, organization).
/// Both resources carry the staff user's id.
/// </summary>
public static class StaffMapper
{
    /// <summary>The domain data the two resources carry together.</summary>
    public sealed record StaffData(string Username, string Name, string? Title, string? Email, string? Phone, Guid OrganizationId, IReadOnlyList<string> Roles);

    public static Practitioner ToPractitioner(StaffUser user)
    {
        var resource = new Practitioner
        {
            Id = user.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.PractitionerProfile] },
            Identifier = [new Identifier(CaseHubUrls.StaffUserSystem, user.Username)],
            Name = [new HumanName { Text = user.Name }],
        };
        if (user.Email is { } email)
        {
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
        }

        if (user.Phone is { } phone)
        {
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        }

        return resource;
    }

    /// <summary>Maps the role; <see cref="StaffUser.Organization"/> is used for the display when loaded.</summary>
    public static PractitionerRole ToPractitionerRole(StaffUser user)
    {
        var resource = new PractitionerRole
        {
            Id = user.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.PractitionerRoleProfile] },
            Practitioner = new ResourceReference($"Practitioner/{user.Id}", user.Name),
            Organization = new ResourceReference($"Organization/{user.OrganizationId}", user.Organization?.Name),
            Code = user.Roles.Select(r => new CodeableConcept(CaseHubUrls.StaffRoleSystem, r, Roles.DanishName(r))).ToList(),
        };
        if (user.Title is { } title)
        {
            resource.Extension.Add(new Extension(CaseHubUrls.StaffTitleExtension, new FhirString(title)));
        }

        return resource;
    }

    public static StaffData FromFhir(Practitioner practitioner, PractitionerRole role) => new(
        practitioner.Identifier.First(i => i.System == CaseHubUrls.StaffUserSystem).Value ?? string.Empty,
        practitioner.Name.First().Text ?? string.Empty,
        (role.Extension.FirstOrDefault(e => e.Url == CaseHubUrls.StaffTitleExtension)?.Value as FhirString)?.Value,
        practitioner.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
        practitioner.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
        Guid.Parse(role.Organization?.Reference?.Split('/').Last() ?? string.Empty),
        role.Code.SelectMany(c => c.Coding).Where(c => c.System == CaseHubUrls.StaffRoleSystem).Select(c => c.Code ?? string.Empty).ToList());
}
