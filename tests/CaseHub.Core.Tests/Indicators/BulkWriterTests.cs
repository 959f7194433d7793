using CaseHub.Core.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Indicators;

/// <summary>
/// <see cref="BulkWriter"/> stores rows exactly as EF Core would: on SQLite with positional binding through compiled
/// binders, on other providers with multi-row parameterized statements (run here on SQLite too).
/// </summary>
public sealed class BulkWriterTests
{
    private static IndicatorResult Result(int n, bool withFigures) => new()
    {
        IndicatorId = $"indicator-{n % 3}",
        Period = n % 2 == 0 ? "2024" : "2024H2",
        AreaType = (AreaType)(n % 3),
        AreaCode = $"{800 + n:0000}",
        AreaName = n % 2 == 0 ? "Brønderslev Kommune" : "Region Nordjylland",
        AgeGroup = (AgeGroup)(n % 3),
        Numerator = n * 1_000_000_007L,
        Denominator = withFigures ? n : null,
        Value = withFigures ? n / 7.0 : null,
        BaselineValue = withFigures ? -n * 1e-12 : null,
        BaselineNumerator = withFigures ? double.MaxValue / (n + 1) : null,
        ChangePct = null,
        Suppressed = n % 2 == 1,
        ComputedAt = new DateTime(2026, 11, 22, 21, 0, 0, DateTimeKind.Utc).AddTicks(n * 1_234_567),
    };

    private static void SameResult(IndicatorResult expected, IndicatorResult actual)
    {
        Assert.Equal(
            (expected.IndicatorId, expected.Period, expected.AreaType, expected.AreaCode, expected.AreaName, expected.AgeGroup, expected.Numerator, expected.Denominator),
            (actual.IndicatorId, actual.Period, actual.AreaType, actual.AreaCode, actual.AreaName, actual.AgeGroup, actual.Numerator, actual.Denominator));
        Assert.Equal(
            (expected.Value, expected.BaselineValue, expected.BaselineNumerator, expected.ChangePct, expected.Suppressed, expected.ComputedAt),
            (actual.Value, actual.BaselineValue, actual.BaselineNumerator, actual.ChangePct, actual.Suppressed, actual.ComputedAt));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Inserts_and_updates_every_column_as_EF_stores_it(bool generic)
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        var rows = Enumerable.Range(1, 1203).Select(n => Result(n, n % 4 != 0)).ToList();
        await using (var db = database.NewContext())
        {
            Assert.Equal(rows.Count, await BulkWriter.InsertAsync(db, rows, CancellationToken.None, generic));
        }

        await using (var db = database.NewContext())
        {
            var stored = await db.IndicatorResults.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(rows.Count, stored.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                SameResult(rows[i], stored[i]);
            }

            // Every other row changes all its non-key columns; the rest must stay as they were.
            var changed = stored.Where((_, i) => i % 2 == 0).Select((r, i) =>
            {
                var update = Result(i + 5000, r.Denominator is null);
                update.Id = r.Id;
                return update;
            }).ToList();
            Assert.Equal(changed.Count, await BulkWriter.UpdateAsync(db, changed, CancellationToken.None, generic));

            var after = (await db.IndicatorResults.AsNoTracking().ToListAsync()).ToDictionary(r => r.Id);
            foreach (var update in changed)
            {
                SameResult(update, after[update.Id]);
            }

            foreach (var unchanged in stored.Where((_, i) => i % 2 == 1))
            {
                SameResult(unchanged, after[unchanged.Id]);
            }
        }
    }

    /// <summary>Every column of every row as SQLite's quote() shows it: the stored type and text, not what EF reads back.</summary>
    private static async Task<List<string>> StoredAsync<T>(TestDatabase database)
    {
        await using var db = database.NewContext();
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var columns = entity.GetProperties().Select(p => $"quote(\"{p.GetColumnName()}\")");
        // Table and column names come from the model, not from input.
        var sql = $"SELECT {string.Join(" || '|' || ", columns)} AS \"Value\" FROM \"{table}\" ORDER BY \"Id\"";
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }

    [Fact]
    public async Task Stores_exactly_the_text_SaveChanges_stores()
    {
        await using var viaSaveChanges = await TestDatabase.CreateAsync(withDemoData: false);
        await using var viaWriter = await TestDatabase.CreateAsync(withDemoData: false);
        static IndicatorResult EmptyName()
        {
            var result = Result(99, true);
            result.AreaName = string.Empty;
            result.ChangePct = -0.0;
            return result;
        }

        List<IndicatorResult> Results() => [.. Enumerable.Range(1, 40).Select(n => Result(n, n % 4 != 0)), EmptyName()];
        List<RegisterMeasure> Measures() => [.. Enumerable.Range(1, 40).Select(Measure)];
        await using (var db = viaSaveChanges.NewContext())
        {
            db.IndicatorResults.AddRange(Results());
            db.RegisterMeasures.AddRange(Measures());
            await db.SaveChangesAsync();
        }

        await using (var db = viaWriter.NewContext())
        {
            await BulkWriter.InsertAsync(db, Results(), CancellationToken.None);
            await BulkWriter.InsertAsync(db, Measures(), CancellationToken.None);
        }

        Assert.Equal(await StoredAsync<IndicatorResult>(viaSaveChanges), await StoredAsync<IndicatorResult>(viaWriter));
        Assert.Equal(await StoredAsync<RegisterMeasure>(viaSaveChanges), await StoredAsync<RegisterMeasure>(viaWriter));
    }

    private static RegisterMeasure Measure(int n) => new()
    {
        MeasureId = $"M{n}",
        PersonKey = $"person-{n % 7}",
        BirthDate = new DateOnly(1960, 1, 1).AddDays(n * 311),
        MunicipalityCode = "0810",
        RegionCode = "1081",
        WardSor = "6121000016002",
        Type = (RegisterMeasureType)(n % 4),
        Start = new DateTime(2024, 1, 1).AddMinutes(n * 997).AddTicks(n),
        End = n % 3 == 0 ? null : new DateTime(2024, 1, 2).AddMinutes(n * 997),
        Year = 2024,
        Half = 1,
        AgeAtStart = n,
        IsChild = n < 18,
        DurationHours = n % 3 == 0 ? null : n / 3.0,
    };

    [Fact]
    public async Task Dates_nullable_times_and_enum_names_of_register_rows()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        var rows = Enumerable.Range(1, 50).Select(Measure).ToList();
        await using (var db = database.NewContext())
        {
            await BulkWriter.InsertAsync(db, rows, CancellationToken.None);
        }

        await using (var db = database.NewContext())
        {
            var stored = await db.RegisterMeasures.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
            Assert.Equal(
                rows.Select(r => (r.MeasureId, r.PersonKey, r.BirthDate, r.Type, r.Start, r.End, r.IsChild, r.DurationHours)),
                stored.Select(r => (r.MeasureId, r.PersonKey, r.BirthDate, r.Type, r.Start, r.End, r.IsChild, r.DurationHours)));
            // Enums are stored by name, as the model's converter says.
            Assert.Equal(50, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"RegisterMeasures\" WHERE \"Type\" GLOB '[A-Z]*'").SingleAsync());
        }
    }
}
