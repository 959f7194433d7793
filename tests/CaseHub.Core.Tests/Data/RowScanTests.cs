using System.Text;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Data;

/// <summary>
/// The indicator computation reads its sources with <see cref="RowScan"/>: on SQLite through SQLitePCL.raw, elsewhere
/// through the provider's reader. Both must read exactly what EF Core reads, for every kind of value it meets.
/// </summary>
public sealed class RowScanTests
{
    private static readonly string LongKey = new('k', 150);

    private static RegisterMeasure Measure(int n, string person, string municipality, DateTime start, DateTime? end, double? hours) => new()
    {
        MeasureId = $"M{n}",
        PersonKey = person,
        BirthDate = new DateOnly(1990, 2, 28).AddDays(n),
        MunicipalityCode = municipality,
        RegionCode = "1081",
        WardSor = "6121000016002",
        Type = n % 2 == 0 ? RegisterMeasureType.BeltRestraint : RegisterMeasureType.ForcedSedation,
        Start = start,
        End = end,
        Year = 2024,
        Half = n % 2 + 1,
        AgeAtStart = 30 + n,
        IsChild = n % 3 == 0,
        DurationHours = hours,
    };

    private static async Task<TestDatabase> WithMeasuresAsync()
    {
        var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        db.RegisterMeasures.AddRange(
            Measure(1, "P1", "0851", new DateTime(2024, 3, 31, 1, 2, 3), null, null),
            Measure(2, "a-person-key-longer-than-seven", "0851", new DateTime(2024, 7, 1, 0, 0, 0).AddTicks(1_234_567), new DateTime(2024, 7, 1, 2, 30, 0), 2.5),
            Measure(3, "Ærø-7", "0860", new DateTime(2024, 12, 31, 23, 59, 59).AddTicks(5), new DateTime(2025, 1, 1, 0, 0, 0).AddTicks(10), 0.0000027),
            Measure(4, "P1", "0860", new DateTime(2024, 1, 1), null, null),
            Measure(5, LongKey, "0851", new DateTime(2024, 2, 29, 12, 0, 0).AddMilliseconds(5), null, null));
        await db.SaveChangesAsync();
        return database;
    }

    private sealed record Read(int Person, int Type, int Half, bool Child, long Age, double? Hours, DateTime Start, DateTime? End, DateOnly Born, bool Known);

    private static async Task<(List<Read> Rows, Numbering Persons, Numbering Types)> ScanAsync(CaseHubDbContext db, bool throughReader)
    {
        var (persons, types, rows) = (new Numbering(), new Numbering(), new List<Read>());
        var query = db.RegisterMeasures.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new { m.PersonKey, m.Type, m.Half, m.IsChild, m.AgeAtStart, m.DurationHours, m.Start, m.End, m.BirthDate, m.MunicipalityCode });
        await RowScan.ReadAsync(
            db,
            query,
            (in ScanRow row) => rows.Add(new Read(
                row.Number(0, persons), row.Number(1, types), row.Int32(2), row.Boolean(3), row.Int64(4), row.NullableDouble(5),
                row.DateTime(6), row.NullableDateTime(7), row.DateOnly(8), row.TextEquals(9, "0851"))),
            CancellationToken.None,
            throughReader);
        return (rows, persons, types);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reads_what_EF_reads_on_either_path(bool throughReader)
    {
        await using var database = await WithMeasuresAsync();
        await using var db = database.NewContext();
        var expected = await db.RegisterMeasures.AsNoTracking().OrderBy(m => m.Id).ToListAsync();

        var (rows, persons, types) = await ScanAsync(db, throughReader);

        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, measure) = (rows[i], expected[i]);
            Assert.Equal(measure.PersonKey, persons.Keys[row.Person]);
            Assert.Equal(measure.Type.ToString(), types.Keys[row.Type]);
            Assert.Equal(measure.Half, row.Half);
            Assert.Equal(measure.IsChild, row.Child);
            Assert.Equal(measure.AgeAtStart, row.Age);
            Assert.Equal(measure.DurationHours, row.Hours);
            Assert.Equal(measure.Start, row.Start);
            Assert.Equal(measure.End, row.End);
            Assert.Equal(measure.BirthDate, row.Born);
            Assert.Equal(measure.MunicipalityCode == "0851", row.Known);
        }

        // The same person is the same number, whichever way the key was looked up.
        Assert.Equal(rows[0].Person, rows[3].Person);
        Assert.Equal(["P1", "a-person-key-longer-than-seven", "Ærø-7", LongKey], persons.Keys);
    }

    [Fact]
    public async Task Binds_the_query_parameters_on_SQLite()
    {
        await using var database = await WithMeasuresAsync();
        await using var db = database.NewContext();
        var from = new DateTime(2024, 3, 31, 1, 2, 3);
        var query = db.RegisterMeasures.AsNoTracking().Where(m => m.Start > from && m.PersonKey != "P1").OrderBy(m => m.Id).Select(m => new { m.MeasureId });
        var found = new List<int>();
        await RowScan.ReadAsync(db, query, (in ScanRow row) => found.Add(row.Number(0, new Numbering())), CancellationToken.None);
        Assert.Equal(2, found.Count); // M2 and M3: after the instant and not P1 (an unbound parameter would match none)
    }

    [Fact]
    public void Numbering_gives_packed_and_unpacked_text_one_number_each()
    {
        var numbering = new Numbering();
        var short1 = numbering.Of("0851");
        var fromBytes = Numbering.TryPack(Encoding.UTF8.GetBytes("0851").AsSpan(), out var packed) ? numbering.Of(packed, Encoding.UTF8.GetBytes("0851")) : -1;
        var nonAscii = numbering.Of("Ærø");
        var length7 = numbering.Of("1234567");
        var length8 = numbering.Of("12345678");

        Assert.Equal(short1, fromBytes);
        Assert.Equal(nonAscii, numbering.Of("Ærø".AsSpan()));
        Assert.Equal([0, 1, 2, 3], new[] { short1, nonAscii, length7, length8 });
        Assert.NotEqual(numbering.Of("1"), numbering.Of("1\0")); // the length is part of the packed number
        Assert.Equal(6, numbering.Count);
        Assert.False(Numbering.TryPack("12345678".AsSpan(), out _));
        Assert.False(Numbering.TryPack("Ærø".AsSpan(), out _));
    }

    [Theory]
    [InlineData("2024-02-29 13:14:15", "2024-02-29T13:14:15.0000000")]
    [InlineData("2024-02-29 13:14:15.5", "2024-02-29T13:14:15.5000000")]
    [InlineData("2024-02-29 13:14:15.1234567", "2024-02-29T13:14:15.1234567")]
    [InlineData("1999-12-31 23:59:59.0000001", "1999-12-31T23:59:59.0000001")]
    public void Stored_dates_and_times_read_as_the_general_parser_reads_them(string stored, string expected)
    {
        var utf8 = Encoding.UTF8.GetBytes(stored);
        Assert.True(StoredDate.TryParse(utf8, out var day));
        Assert.True(StoredDate.TryParseTime(utf8, out var time));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), day.ToDateTime(TimeOnly.MinValue).Add(time));
    }

    [Theory]
    [InlineData("2024-02-30 10:00:00")]
    [InlineData("2024-13-01 10:00:00")]
    [InlineData("2024-01-01T10:00:00")]
    [InlineData("2024-01-01 24:00:00")]
    [InlineData("2024-01-01 10:00:00.12345678")]
    [InlineData("2024-01-01 10:00:00Z")]
    [InlineData("24-01-01 10:00:00")]
    public void Anything_else_is_left_to_the_general_parser(string stored)
    {
        var utf8 = Encoding.UTF8.GetBytes(stored);
        Assert.False(StoredDate.TryParse(utf8, out _) && StoredDate.TryParseTime(utf8, out _));
    }
}
