using CaseHub.Core.Organizations;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;
using DomainOrganization = CaseHub.Core.Organizations.Organization;

namespace CaseHub.Fhir.Organizations;

/// <summary>Domain organization &lt;-&gt; casehub-organization.</summary>
public static class OrganizationMapper
{
    /// <summary>The domain data a casehub-organization carries (the parent by id).</summary>
    public sealed record OrganizationData(OrganizationKind Kind, string Code, string Name, string? Phone, Guid? ParentId);

    private static readonly (OrganizationKind Kind, string Code, string Display)[] Kinds =
    [
        (OrganizationKind.Region, "region", "Region"),
        (OrganizationKind.Municipality, "municipality", "Kommune"),
        (OrganizationKind.HospitalWard, "hospital-ward", "Psykiatrisk afsnit"),
        (OrganizationKind.OutpatientUnit, "outpatient-unit", "Ambulatorium"),
        (OrganizationKind.MunicipalUnit, "municipal-unit", "Kommunal enhed"),
        (OrganizationKind.PsychiatricHouse, "psychiatric-house", "Psykiatriens Hus"),
    ];

    /// <summary>Maps an organization; <see cref="DomainOrganization.Parent"/> is used for the display when loaded.</summary>
    public static Hl7.Fhir.Model.Organization ToFhir(DomainOrganization org)
    {
        var kind = Kinds.First(k => k.Kind == org.Kind);
        var resource = new Hl7.Fhir.Model.Organization
        {
            Id = org.Id.ToString(),
            Meta = new Meta { Profile = [CaseHubUrls.OrganizationProfile] },
            Identifier = [Identifier(org)],
            Type = [new CodeableConcept(CaseHubUrls.OrganizationKindSystem, kind.Code, kind.Display)],
            Name = org.Name,
        };
        if (org.Phone is { } phone)
        {
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        }

        if (org.ParentId is { } parent)
        {
            resource.PartOf = new ResourceReference($"Organization/{parent}", org.Parent?.Name);
        }

        return resource;
    }

    /// <summary>The official identifier: region as ISO 3166-2 (1081 is DK-81), municipality code, or SOR code.</summary>
    public static Identifier Identifier(DomainOrganization org) => org.Kind switch
    {
        OrganizationKind.Region => new Identifier(DomainOrganization.CodeSystems.Region, $"DK-{org.Code[2..]}"),
        OrganizationKind.Municipality => new Identifier(DomainOrganization.CodeSystems.Municipality, org.Code),
        _ => new Identifier(DomainOrganization.CodeSystems.Sor, org.Code),
    };

    /// <summary>The domain code for an identifier (DK-81 is 1081); null when the system is not one we know.</summary>
    public static string? CodeOf(string? system, string? value) => system switch
    {
        DomainOrganization.CodeSystems.Region when value is { Length: 5 } v && v.StartsWith("DK-", StringComparison.Ordinal) => $"10{v[3..]}",
        DomainOrganization.CodeSystems.Municipality or DomainOrganization.CodeSystems.Sor => value,
        _ => null,
    };

    public static OrganizationData FromFhir(Hl7.Fhir.Model.Organization resource)
    {
        var identifier = resource.Identifier.First(i => CodeOf(i.System, i.Value) is not null);
        var kindCode = resource.Type.SelectMany(t => t.Coding).First(c => c.System == CaseHubUrls.OrganizationKindSystem).Code;
        Guid? parent = resource.PartOf?.Reference is { } reference && Guid.TryParse(reference.Split('/').Last(), out var id) ? id : null;
        return new OrganizationData(
            Kinds.First(k => k.Code == kindCode).Kind,
            CodeOf(identifier.System, identifier.Value)!,
            resource.Name ?? string.Empty,
            resource.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            parent);
    }
}
