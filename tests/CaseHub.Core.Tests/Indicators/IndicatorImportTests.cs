using System.Text;
using CaseHub.Core.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Indicators;

public sealed class IndicatorImportTests
{
    private const string RegisterHeader = "measure_id;person_key;birth_date;municipality_code;region_code;ward_sor;type;start;end\n";

    private static Task<ImportResult> ImportAsync(Core.Data.CaseHubDbContext db, ImportKind kind, string text) =>
        new IndicatorImport(db).ImportAsync(kind, IndicatorDataset.Stream(text));

    [Fact]
    public async Task Comma_or_semicolon_3_or_4_digit_municipalities_and_both_region_codes_are_accepted()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        var population = await ImportAsync(db, ImportKind.Population, IndicatorDataset.Population(delimiter: ',', threeDigitCodes: true));
        Assert.True(population.Succeeded);
        Assert.Equal(36, population.Rows);
        Assert.Equal(["0751", "0851", "0860"], await db.PopulationCounts.Select(p => p.MunicipalityCode).Distinct().OrderBy(c => c).ToListAsync());

        var register = await ImportAsync(db, ImportKind.Register, RegisterHeader +
            "M1;K1;1990-01-01;851;DK-81;6121000016002;baeltefiksering;2024-03-31T01:30:00;2024-03-31T04:30:00\n" +
            "M2;K1;1990-01-01;0851;1081;6121000016002;fastholdelse;2024-07-01T00:30:00+02:00;\n");
        Assert.True(register.Succeeded, string.Join("\n", register.Errors));
        var rows = await db.RegisterMeasures.OrderBy(m => m.MeasureId).ToListAsync();
        Assert.All(rows, m => Assert.Equal(("0851", "1081"), (m.MunicipalityCode, m.RegionCode)));

        // Danish local time: the night summer time starts is one hour shorter.
        Assert.Equal(new DateTime(2024, 3, 31, 0, 30, 0, DateTimeKind.Utc), rows[0].Start);
        Assert.Equal(2, rows[0].DurationHours);
        Assert.Equal((2024, 2), (rows[1].Year, rows[1].Half));
        Assert.Equal(new DateTime(2024, 6, 30, 22, 30, 0, DateTimeKind.Utc), rows[1].Start);
        Assert.Null(rows[1].End);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_with_every_bad_row_and_nothing_is_stored()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        var text = new StringBuilder(RegisterHeader);
        for (var i = 0; i < 2500; i++)
        {
            // Enough good rows before the bad ones that a batch has been written: the rollback must undo it.
            text.Append(FormattableString.Invariant($"G{i};K{i};1990-01-01;0851;1081;1;fastholdelse;2024-01-02T10:00:00;\n"));
        }

        text.Append("B1;K1;1990-01-01;12345;1081;1;fastholdelse;2024-01-02T10:00:00;\n");      // line 2502
        text.Append("B2;0101901234;1990-01-01;0851;1086;1;slag;2024-01-02;\n");                // line 2503
        text.Append("B3;K1;1990-13-01;0851;1081;1;baeltefiksering;2024-03-31T02:30:00;2024-03-30T01:00:00\n"); // line 2504
        text.Append("G7;K1;1990-01-01;0851;1081;1;fastholdelse;2024-01-02T10:00:00;\n");       // line 2505: id repeated
        text.Append("B5;K1;1990-01-01;0851;1081\n");                                             // line 2506

        var result = await ImportAsync(db, ImportKind.Register, text.ToString());

        Assert.False(result.Succeeded);
        Assert.Equal([2502, 2503, 2504, 2505, 2506], result.Errors.Select(e => e.Line));
        Assert.Contains("municipality_code '12345'", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("CPR-nummer", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("region_code '1086'", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("type 'slag' er ukendt", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("birth_date '1990-13-01'", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("findes ikke i dansk tid", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("står også i linje 9", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("felter", result.Errors[4].Message, StringComparison.Ordinal);
        Assert.Equal("Linje 2502: " + result.Errors[0].Message, result.Errors[0].ToString());
        Assert.Equal(0, await db.RegisterMeasures.CountAsync());
    }

    [Fact]
    public async Task Importing_the_same_ids_again_replaces_the_rows()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        Assert.True((await ImportAsync(db, ImportKind.Register, RegisterHeader + "M1;K1;1990-01-01;0851;1081;1;fastholdelse;2024-01-02T10:00:00;\nM2;K2;1990-01-01;0851;1081;1;fastholdelse;2024-01-02T10:00:00;\n")).Succeeded);
        Assert.True((await ImportAsync(db, ImportKind.Register, RegisterHeader + "M1;K1;1990-01-01;0860;1081;1;baeltefiksering;2024-01-02T10:00:00;2024-01-02T12:00:00\n")).Succeeded);
        var rows = await db.RegisterMeasures.OrderBy(m => m.MeasureId).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("0860", RegisterMeasureType.BeltRestraint), (rows[0].MunicipalityCode, rows[0].Type));

        Assert.True((await ImportAsync(db, ImportKind.Population, "year;quarter;municipality_code;age;count\n2024;2;851;30;100\n2024;2;851;31;50\n")).Succeeded);
        Assert.True((await ImportAsync(db, ImportKind.Population, "year;quarter;municipality_code;age;count\n2024;2;0851;30;120\n")).Succeeded);
        Assert.Equal([120, 50], await db.PopulationCounts.OrderBy(p => p.Age).Select(p => p.Count).ToListAsync());

        const string admissions = "admission_id;person_key;birth_date;municipality_code;region_code;ward_sor;start;end;legal_basis\nA1;K1;1990-01-01;0851;1081;1;2024-01-02T10:00:00;;frivillig\n";
        Assert.True((await ImportAsync(db, ImportKind.Admissions, admissions)).Succeeded);
        Assert.True((await ImportAsync(db, ImportKind.Admissions, admissions.Replace("frivillig", "tvangsindlaeggelse", StringComparison.Ordinal))).Succeeded);
        Assert.Equal("tvangsindlaeggelse", (await db.AdmissionExtractRows.SingleAsync()).LegalBasis);
    }

    [Theory]
    [InlineData("year;quarter;municipality;age;count\n2024;2;851;1;1\n", "'municipality_code'")]
    [InlineData("", "tom")]
    [InlineData("year;quarter;municipality_code;age;count\n", "ingen rækker")]
    [InlineData("year;quarter;municipality_code;age;count\n2024;5;851;-1;x\n", "quarter '5'")]
    public async Task Bad_population_files_are_rejected_with_a_Danish_reason(string text, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        var result = await ImportAsync(db, ImportKind.Population, text);
        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_is_rejected()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        var latin1 = Encoding.Latin1.GetBytes("admission_id;person_key;birth_date;municipality_code;region_code;ward_sor;start;end;legal_basis\nA1;Kø;1990-01-01;0851;1081;1;2024-01-02T10:00:00;;frivillig\n");
        var result = await new IndicatorImport(db).ImportAsync(ImportKind.Admissions, new MemoryStream(latin1));
        Assert.False(result.Succeeded);
        Assert.Contains("UTF-8", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.AdmissionExtractRows.CountAsync());
    }
}
