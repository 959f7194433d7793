namespace CaseHub.Core.Organizations;

/// <summary>Which side of the border between region and municipality an organization works on.</summary>
public enum Sector
{
    Region,
    Municipality,

    /// <summary>Both sectors in one house (Psykiatriens Hus).</summary>
    Shared,
}

public enum OrganizationKind
{
    Region,
    Municipality,
    HospitalWard,
    OutpatientUnit,
    MunicipalUnit,
    PsychiatricHouse,
}

/// <summary>
/// A region, a municipality, a hospital ward or outpatient unit (SOR code), a municipal unit, or a Psykiatriens Hus.
/// </summary>
public class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public OrganizationKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>
    /// The official code: 1081-1085 for a region, the 4-digit municipality code, or the SOR code for units and houses.
    /// Unique per kind of code.
    /// </summary>
    public required string Code { get; set; }

    /// <summary>
    /// The region a ward, outpatient unit or municipality belongs to, or the municipality a municipal unit belongs to.
    /// For a Psykiatriens Hus: the municipality it serves.
    /// </summary>
    public Guid? ParentId { get; set; }

    public Organization? Parent { get; set; }

    public string? Phone { get; set; }

    public Sector Sector => SectorOf(Kind);

    public static Sector SectorOf(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Region or OrganizationKind.HospitalWard or OrganizationKind.OutpatientUnit => Sector.Region,
        OrganizationKind.Municipality or OrganizationKind.MunicipalUnit => Sector.Municipality,
        _ => Sector.Shared,
    };

    /// <summary>Code systems for the organization's identifier (DOMAIN.md section 4).</summary>
    public static class CodeSystems
    {
        public const string Sor = "urn:oid:1.2.208.176.1.1";
        public const string Municipality = "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes";
        public const string Region = "urn:iso:std:iso:3166:-2";
    }
}
