using System.Globalization;
using CaseHub.Core.Data;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Organizations;

/// <summary>
/// The organizations every installation needs: the 5 regions, the 98 municipalities and a handful of psychiatric
/// units. Loaded at every start-up and matched on (kind, code), so running it again changes nothing.
/// </summary>
public static class ReferenceData
{
    /// <summary>Well-known codes the demo data and tests refer to.</summary>
    public static class Codes
    {
        public const string RegionNordjylland = "1081";
        public const string RegionMidtjylland = "1082";
        public const string RegionHovedstaden = "1084";
        public const string Aalborg = "0851";
        public const string Hjoerring = "0860";
        public const string Broenderslev = "0810";
        public const string Aarhus = "0751";

        // SOR codes of the psychiatric units below. They are illustrative: an installation replaces them with the
        // real SOR codes of its units from the national SOR register.
        public const string WardAalborgS3 = "6121000016001";
        public const string WardAalborgS4 = "6121000016002";
        public const string WardBroenderslev = "6121000016003";
        public const string OutpatientAalborg = "6121000016010";
        public const string WardAarhusP2 = "6122000016001";
        public const string WardKoebenhavnO = "6124000016001";
        public const string PsykiatriensHusAalborg = "6121000016100";
        public const string BostoetteAalborg = "0851000000010";
    }

    private sealed record MunicipalityRow(string Code, string Name, string RegionCode, string RegionName);

    private static readonly (OrganizationKind Kind, string Code, string Name, OrganizationKind ParentKind, string ParentCode, string Phone)[] Units =
    [
        (OrganizationKind.HospitalWard, Codes.WardAalborgS3, "Psykiatrisk Afsnit S3, Aalborg Universitetshospital", OrganizationKind.Region, Codes.RegionNordjylland, "97 64 30 00"),
        (OrganizationKind.HospitalWard, Codes.WardAalborgS4, "Psykiatrisk Afsnit S4, Aalborg Universitetshospital", OrganizationKind.Region, Codes.RegionNordjylland, "97 64 30 10"),
        (OrganizationKind.HospitalWard, Codes.WardBroenderslev, "Psykiatrisk Afsnit, Brønderslev", OrganizationKind.Region, Codes.RegionNordjylland, "97 64 20 00"),
        (OrganizationKind.OutpatientUnit, Codes.OutpatientAalborg, "Ambulatorium for Psykoser, Aalborg", OrganizationKind.Region, Codes.RegionNordjylland, "97 64 31 00"),
        (OrganizationKind.HospitalWard, Codes.WardAarhusP2, "Afdeling for Psykoser, Aarhus Universitetshospital Psykiatrien, Afsnit P2", OrganizationKind.Region, Codes.RegionMidtjylland, "78 47 00 00"),
        (OrganizationKind.HospitalWard, Codes.WardKoebenhavnO, "Psykiatrisk Center København, Afsnit O", OrganizationKind.Region, Codes.RegionHovedstaden, "38 64 70 00"),
        (OrganizationKind.PsychiatricHouse, Codes.PsykiatriensHusAalborg, "Psykiatriens Hus Aalborg", OrganizationKind.Municipality, Codes.Aalborg, "99 31 31 31"),
        (OrganizationKind.MunicipalUnit, Codes.BostoetteAalborg, "Bostøtte og Socialpsykiatri, Aalborg Kommune", OrganizationKind.Municipality, Codes.Aalborg, "99 31 40 00"),
    ];

    public static async Task SeedAsync(CaseHubDbContext db, CancellationToken ct = default)
    {
        var existing = await db.Organizations.ToDictionaryAsync(o => (o.Kind, o.Code), ct);

        Organization Upsert(OrganizationKind kind, string code, string name, Guid? parentId, string? phone = null)
        {
            if (!existing.TryGetValue((kind, code), out var org))
            {
                org = new Organization { Kind = kind, Code = code, Name = name };
                db.Organizations.Add(org);
                existing[(kind, code)] = org;
            }

            org.Name = name;
            org.ParentId = parentId;
            org.Phone = phone ?? org.Phone;
            return org;
        }

        var municipalities = LoadMunicipalities();
        foreach (var region in municipalities.DistinctBy(m => m.RegionCode))
        {
            Upsert(OrganizationKind.Region, region.RegionCode, region.RegionName, null);
        }

        foreach (var m in municipalities)
        {
            Upsert(OrganizationKind.Municipality, m.Code, $"{m.Name} Kommune", existing[(OrganizationKind.Region, m.RegionCode)].Id);
        }

        foreach (var unit in Units)
        {
            Upsert(unit.Kind, unit.Code, unit.Name, existing[(unit.ParentKind, unit.ParentCode)].Id, unit.Phone);
        }

        await db.SaveChangesAsync(ct);
    }

    private static List<MunicipalityRow> LoadMunicipalities()
    {
        using var stream = typeof(ReferenceData).Assembly
            .GetManifestResourceStream("CaseHub.Core.Organizations.municipalities.csv")
            ?? throw new InvalidOperationException("The municipality list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        var rows = new List<MunicipalityRow>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add(new MunicipalityRow(
                csv.GetField("municipality_code")!,
                csv.GetField("municipality_name")!,
                csv.GetField("region_code")!,
                csv.GetField("region_name")!));
        }

        return rows;
    }
}
