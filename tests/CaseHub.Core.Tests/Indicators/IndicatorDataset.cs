using System.Globalization;
using System.Text;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;

namespace CaseHub.Core.Tests.Indicators;

/// <summary>
/// A hand-built dataset whose every total is worked out below, so the figures can be checked against arithmetic rather
/// than against the code. Three municipalities: Aalborg 0851 and Hjørring 0860 (Region Nordjylland 1081), Aarhus 0751
/// (Region Midtjylland 1082). Population in the 2nd quarter, the same every year 2021-2024:
///   0851: 20,000 children + 80,000 adults = 100,000;  0860: 10,000 + 40,000 = 50,000;  0751: 50,000 + 150,000 = 200,000.
///   Nation 350,000 (80,000 children, 270,000 adults); region 1081 150,000 (30,000 / 120,000); region 1082 200,000.
/// The 1st quarter holds huge numbers, so using it by mistake shows at once.
///
/// Baseline years (all adults living in 0851, treated in region 1081, 2 hours each): 10 belt restraints in 2021, 20 in
/// 2022, 30 in 2023, each year shared by 5 persons. Plus P3 (adult, 0751, region 1082): one belt restraint from
/// 2023-12-31 22:00 to 2024-01-01 04:00, which belongs to 2023 and lasts 6 hours. Baseline target count 61/3.
///
/// 2024:
///   P1 adult, lives 0851: belt restraint in region 1081 (Feb, 6 h) and in region 1082 (Aug, 2 h): two regions.
///   P2 lives 0860, born 2006-06-15: physical holding 2024-06-14 (17, child) and 2024-06-15 (18, adult), region 1081.
///   P4 child, lives 0751: 23 forced sedations in March, region 1082.
///   P5 adult, lives 0851: 5 belt restraints in April, region 1081, lasting 1, 2, 3, 4 and 10 hours.
///   Target episodes 2024: nation 32 (adults 8, children 24), region 1081 8, region 1082 24, 0851 7, 0860 2, 0751 23.
///   Target persons 2024: nation 4 (P1, P2, P4, P5; adults 3, children 2), region 1081 3, region 1082 2.
/// Admissions: 11 distinct persons admitted in 2024 (P1 in both regions, P2, P4, P5, A1-A6 in 1081, Q1 from 2023 into
/// 2024); in region 1082 only P1 and P4. 2023 admitted: Q1 and Z.
/// </summary>
public static class IndicatorDataset
{
    public static string Population(bool withSecondQuarter = true, char delimiter = ';', bool threeDigitCodes = false)
    {
        var csv = new StringBuilder($"year{delimiter}quarter{delimiter}municipality_code{delimiter}age{delimiter}count\n");
        (string Code, int Children, int Adults)[] municipalities = [("0851", 20_000, 80_000), ("0860", 10_000, 40_000), ("0751", 50_000, 150_000)];
        for (var year = 2021; year <= 2024; year++)
        {
            foreach (var (code, children, adults) in municipalities)
            {
                var written = threeDigitCodes ? code.TrimStart('0') : code;
                csv.Append(CultureInfo.InvariantCulture, $"{year}{delimiter}1{delimiter}{written}{delimiter}10{delimiter}9000000\n");
                if (withSecondQuarter)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{year}{delimiter}2{delimiter}{written}{delimiter}10{delimiter}{children}\n");
                    csv.Append(CultureInfo.InvariantCulture, $"{year}{delimiter}2{delimiter}{written}{delimiter}40{delimiter}{adults}\n");
                }
            }
        }

        return csv.ToString();
    }

    public static string Register()
    {
        var csv = new StringBuilder("measure_id;person_key;birth_date;municipality_code;region_code;ward_sor;type;start;end\n");
        var id = 0;
        void Row(string person, string birth, string municipality, string region, string type, DateTime start, DateTime? end) =>
            csv.Append(CultureInfo.InvariantCulture,
                $"M{++id};{person};{birth};{municipality};{region};{(region.EndsWith('1') ? "6121000016002" : "6122000016001")};{type};{start:yyyy-MM-ddTHH:mm:ss};{end:yyyy-MM-ddTHH:mm:ss}\n");

        for (var year = 2021; year <= 2023; year++)
        {
            for (var i = 0; i < 10 * (year - 2020); i++)
            {
                var start = new DateTime(year, 3, 1, 10, 0, 0).AddHours(i * 3);
                Row($"B{year}-{i % 5}", "1980-01-01", "0851", "1081", "baeltefiksering", start, start.AddHours(2));
            }
        }

        Row("P3", "1990-01-01", "0751", "DK-82", "baeltefiksering", new DateTime(2023, 12, 31, 22, 0, 0), new DateTime(2024, 1, 1, 4, 0, 0));

        Row("P1", "1980-05-05", "851", "1081", "baeltefiksering", new DateTime(2024, 2, 10, 8, 0, 0), new DateTime(2024, 2, 10, 14, 0, 0));
        Row("P1", "1980-05-05", "0851", "1082", "baeltefiksering", new DateTime(2024, 8, 1, 10, 0, 0), new DateTime(2024, 8, 1, 12, 0, 0));
        Row("P2", "2006-06-15", "0860", "1081", "fastholdelse", new DateTime(2024, 6, 14, 10, 0, 0), null);
        Row("P2", "2006-06-15", "0860", "1081", "fastholdelse", new DateTime(2024, 6, 15, 10, 0, 0), null);
        for (var i = 0; i < 23; i++)
        {
            Row("P4", "2012-01-01", "0751", "1082", "akut_beroligende_medicin", new DateTime(2024, 3, 1, 12, 0, 0).AddHours(i), null);
        }

        var hours = new[] { 1, 2, 3, 4, 10 };
        for (var i = 0; i < hours.Length; i++)
        {
            var start = new DateTime(2024, 4, 1 + i, 9, 0, 0);
            Row("P5", "1970-01-01", "0851", "1081", "baeltefiksering", start, start.AddHours(hours[i]));
        }

        // Not coercion-target types: they must not leak into the target.
        Row("P6", "1975-01-01", "0851", "1081", "tvangsindlaeggelse", new DateTime(2024, 5, 1, 12, 0, 0), null);
        Row("P6", "1975-01-01", "0851", "1081", "udskrivningsaftale", new DateTime(2024, 5, 20, 12, 0, 0), null);
        return csv.ToString();
    }

    public static string Admissions()
    {
        var csv = new StringBuilder("admission_id,person_key,birth_date,municipality_code,region_code,ward_sor,start,end,legal_basis\n");
        var id = 0;
        void Row(string person, string birth, string municipality, string region, string start, string end) =>
            csv.Append(CultureInfo.InvariantCulture, $"A{++id},{person},{birth},{municipality},{region},6121000016002,{start},{end},frivillig\n");

        Row("P1", "1980-05-05", "0851", "1081", "2024-02-01T10:00:00", "2024-02-20T10:00:00");
        Row("P1", "1980-05-05", "0851", "1082", "2024-07-25T10:00:00", "2024-08-10T10:00:00");
        Row("P2", "2006-06-15", "0860", "1081", "2024-06-01T10:00:00", "2024-06-30T10:00:00");
        Row("P4", "2012-01-01", "0751", "1082", "2024-03-01T08:00:00", string.Empty);
        Row("P5", "1970-01-01", "0851", "1081", "2024-04-01T08:00:00", "2024-04-30T08:00:00");
        for (var i = 1; i <= 6; i++)
        {
            Row($"A{i}", "1960-01-01", "0851", "1081", "2024-09-01T08:00:00", "2024-09-10T08:00:00");
        }

        Row("Q1", "1960-01-01", "0851", "1081", "2023-12-01T08:00:00", "2024-01-05T08:00:00");
        Row("Z", "1960-01-01", "0851", "1081", "2023-12-10T08:00:00", "2023-12-20T08:00:00");
        return csv.ToString();
    }

    public static Stream Stream(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static async Task ImportAsync(CaseHubDbContext db, ImportKind kind, string text)
    {
        var result = await new IndicatorImport(db).ImportAsync(kind, Stream(text));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
    }

    /// <summary>Imports all three files and computes.</summary>
    public static async Task<ComputeSummary> LoadAndComputeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        await ImportAsync(db, ImportKind.Population, Population());
        await ImportAsync(db, ImportKind.Register, Register());
        await ImportAsync(db, ImportKind.Admissions, Admissions());
        return await new ComputeIndicators(db, database.Clock).RunAsync();
    }
}
