using CaseHub.Core.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Tests.Indicators;

/// <summary>The dataset imported and computed once for the read-only tests of a class.</summary>
public sealed class ComputedDataset : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(withDemoData: false);
        await IndicatorDataset.LoadAndComputeAsync(Database);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>The figures of <see cref="IndicatorDataset"/>, worked out by hand, against what the computation stored.</summary>
public sealed class ComputeIndicatorsTests(ComputedDataset dataset) : IClassFixture<ComputedDataset>
{
    private readonly TestDatabase database = dataset.Database;

    private async Task<IndicatorResult> CellAsync(string indicator, string period, AreaType areaType, string areaCode, AgeGroup age = AgeGroup.All)
    {
        await using var db = database.NewContext();
        return await db.IndicatorResults.SingleAsync(r =>
            r.IndicatorId == indicator && r.Period == period && r.AreaType == areaType && r.AreaCode == areaCode && r.AgeGroup == age);
    }

    private static void Near(double expected, double? actual) => Assert.Equal(expected, actual!.Value, 6);

    [Fact]
    public async Task Target_episodes_for_the_nation_per_100000_with_baseline_and_change()
    {
        var cell = await CellAsync("coercion-target-episodes", "2024", AreaType.Nation, "DK");
        Assert.Equal(32, cell.Numerator);
        Assert.Equal(350_000, cell.Denominator);
        Near(32 * 100_000.0 / 350_000, cell.Value);
        Near(61 / 3.0 * 100_000 / 350_000, cell.BaselineValue);
        Near(35 / 61.0 * 100, cell.ChangePct);
        Assert.False(cell.Suppressed);
        Assert.Equal("Hele landet", cell.AreaName);

        var published = Publication.Apply(cell);
        Assert.Equal(30, published.Numerator); // 32 rounds to 30
        Near(32 * 100_000.0 / 350_000, published.Value); // the rate from the unrounded count
    }

    [Fact]
    public async Task Adults_and_children_by_age_at_the_start_of_each_measure()
    {
        var adults = await CellAsync("coercion-target-episodes", "2024", AreaType.Nation, "DK", AgeGroup.Adults);
        Assert.Equal(8, adults.Numerator);
        Assert.Equal(270_000, adults.Denominator);
        Near(8 * 100_000.0 / 270_000, adults.Value);
        Near(61 / 3.0 * 100_000 / 270_000, adults.BaselineValue);

        var children = await CellAsync("coercion-target-episodes", "2024", AreaType.Nation, "DK", AgeGroup.Children);
        Assert.Equal(24, children.Numerator);
        Assert.Equal(80_000, children.Denominator);
        Near(30, children.Value);
        Assert.Equal(0, children.BaselineValue); // no child in the baseline years
        Assert.Null(children.ChangePct); // a change from zero is not a percentage
    }

    [Fact]
    public async Task A_birthday_between_two_episodes_counts_the_person_once_as_child_once_as_adult_and_once_in_all()
    {
        Assert.Equal(2, (await CellAsync("physical-holding-episodes", "2024", AreaType.Nation, "DK")).Numerator);
        Assert.Equal(1, (await CellAsync("physical-holding-episodes", "2024", AreaType.Nation, "DK", AgeGroup.Children)).Numerator);
        Assert.Equal(1, (await CellAsync("physical-holding-episodes", "2024", AreaType.Nation, "DK", AgeGroup.Adults)).Numerator);
        Assert.Equal(1, (await CellAsync("physical-holding-persons", "2024", AreaType.Nation, "DK")).Numerator);
        Assert.Equal(1, (await CellAsync("physical-holding-persons", "2024", AreaType.Nation, "DK", AgeGroup.Children)).Numerator);
        Assert.Equal(1, (await CellAsync("physical-holding-persons", "2024", AreaType.Nation, "DK", AgeGroup.Adults)).Numerator);

        Assert.Equal(4, (await CellAsync("coercion-target-persons", "2024", AreaType.Nation, "DK")).Numerator);
        Assert.Equal(3, (await CellAsync("coercion-target-persons", "2024", AreaType.Nation, "DK", AgeGroup.Adults)).Numerator);
        Assert.Equal(2, (await CellAsync("coercion-target-persons", "2024", AreaType.Nation, "DK", AgeGroup.Children)).Numerator);
    }

    [Fact]
    public async Task A_person_with_episodes_in_two_regions_counts_once_nationally_and_once_in_each_region()
    {
        Assert.Equal(2, (await CellAsync("belt-restraint-persons", "2024", AreaType.Nation, "DK")).Numerator); // P1 once, and P5
        var beltPersons1081 = await CellAsync("belt-restraint-persons", "2024", AreaType.Region, "1081");
        var beltPersons1082 = await CellAsync("belt-restraint-persons", "2024", AreaType.Region, "1082");
        Assert.Equal(2, beltPersons1081.Numerator); // P1 and P5
        Assert.Equal(1, beltPersons1082.Numerator); // P1
        Assert.Equal(3, (await CellAsync("coercion-target-persons", "2024", AreaType.Region, "1081")).Numerator); // P1, P2, P5
        Assert.Equal(2, (await CellAsync("coercion-target-persons", "2024", AreaType.Region, "1082")).Numerator); // P1, P4

        // By residence both of P1's episodes belong to Aalborg.
        Assert.Equal(7, (await CellAsync("belt-restraint-episodes", "2024", AreaType.Municipality, "0851")).Numerator);
        Assert.Equal(2, (await CellAsync("belt-restraint-persons", "2024", AreaType.Municipality, "0851")).Numerator);
    }

    [Fact]
    public async Task Regions_use_the_wards_region_and_the_regions_population()
    {
        var nord = await CellAsync("coercion-target-episodes", "2024", AreaType.Region, "1081");
        Assert.Equal(8, nord.Numerator);
        Assert.Equal(150_000, nord.Denominator);
        Near(8 * 100_000.0 / 150_000, nord.Value);
        Near(20 * 100_000.0 / 150_000, nord.BaselineValue); // 10, 20, 30 in Nordjylland
        Assert.Equal("Region Nordjylland", nord.AreaName);
        Assert.Equal(10, Publication.Apply(nord).Numerator); // 8 rounds to 10

        var midt = await CellAsync("coercion-target-episodes", "2024", AreaType.Region, "1082");
        Assert.Equal(24, midt.Numerator);
        Near(12, midt.Value);
        Near(1 / 3.0 * 100_000 / 200_000, midt.BaselineValue); // only P3's New Year belt restraint, in 2023

        var children = await CellAsync("coercion-target-episodes", "2024", AreaType.Region, "1082", AgeGroup.Children);
        Assert.Equal(23, children.Numerator);
        Near(46, children.Value);
        Assert.Equal(25, Publication.Apply(children).Numerator); // 23 rounds to 25
    }

    [Fact]
    public async Task Municipalities_use_residence_and_their_own_population()
    {
        var aalborg = await CellAsync("coercion-target-episodes", "2024", AreaType.Municipality, "0851");
        Assert.Equal(7, aalborg.Numerator);
        Near(7, aalborg.Value);
        Assert.Equal("Aalborg Kommune", aalborg.AreaName);
        Assert.Equal(5, Publication.Apply(aalborg).Numerator);

        var hjoerring = await CellAsync("coercion-target-episodes", "2024", AreaType.Municipality, "0860");
        Assert.Equal(2, hjoerring.Numerator);
        Near(4, hjoerring.Value);
        Assert.True(hjoerring.Suppressed);

        var aarhusChildren = await CellAsync("forced-sedation-episodes", "2024", AreaType.Municipality, "0751", AgeGroup.Children);
        Assert.Equal(23, aarhusChildren.Numerator);
        Assert.Equal(50_000, aarhusChildren.Denominator);
        Near(46, aarhusChildren.Value);
    }

    [Fact]
    public async Task Counts_of_1_to_4_are_published_as_minus_1_with_every_value_derived_from_them()
    {
        var cell = await CellAsync("coercion-target-episodes", "2024", AreaType.Municipality, "0860");
        var published = Publication.Apply(cell);
        Assert.Equal(-1, published.Numerator);
        Assert.Equal(-1, published.Value);
        Assert.Equal(-1, published.ChangePct);
        Assert.Equal(50_000, published.Denominator);

        var persons = Publication.Apply(await CellAsync("coercion-target-persons", "2024", AreaType.Nation, "DK"));
        Assert.Equal(-1, persons.Numerator);
        Assert.Equal(-1, persons.Value);

        // Hjørring's baseline is zero, which is not small: it is published as it is.
        Assert.Equal(0, published.BaselineValue);
        var zero = Publication.Apply(await CellAsync("physical-holding-episodes", "2024", AreaType.Municipality, "0751"));
        Assert.Equal(0, zero.Numerator);
        Assert.False(zero.Suppressed);
    }

    [Fact]
    public async Task A_belt_restraint_spanning_New_Year_belongs_to_the_year_it_starts_and_lasts_its_real_hours()
    {
        Assert.Equal(31, (await CellAsync("belt-restraint-episodes", "2023", AreaType.Nation, "DK")).Numerator);
        Assert.Equal(1, (await CellAsync("belt-restraint-episodes", "2023", AreaType.Region, "1082")).Numerator);
        Assert.Equal(0, (await CellAsync("belt-restraint-episodes", "2024", AreaType.Municipality, "0751")).Numerator);

        var mean2023 = await CellAsync("belt-restraint-hours-mean", "2023", AreaType.Region, "1082");
        Assert.Equal(1, mean2023.Numerator);
        Near(6, mean2023.Value);
        Assert.True(mean2023.Suppressed);
        Near((30 * 2 + 6) / 31.0, (await CellAsync("belt-restraint-hours-mean", "2023", AreaType.Nation, "DK")).Value);
    }

    [Fact]
    public async Task Belt_restraint_hours_mean_and_median()
    {
        // 2024: P1 6 h and 2 h, P5 1, 2, 3, 4, 10 h -> sorted 1 2 2 3 4 6 10.
        var mean = await CellAsync("belt-restraint-hours-mean", "2024", AreaType.Nation, "DK");
        Assert.Equal(7, mean.Numerator);
        Near(4, mean.Value);
        Near((60 * 2 + 6) / 61.0, mean.BaselineValue); // 2021-2023 pooled
        var median = await CellAsync("belt-restraint-hours-median", "2024", AreaType.Nation, "DK");
        Near(3, median.Value);
        Near(2, median.BaselineValue);

        // Nordjylland: 6, 1, 2, 3, 4, 10 -> even count, median (3 + 4) / 2.
        Near(3.5, (await CellAsync("belt-restraint-hours-median", "2024", AreaType.Region, "1081")).Value);
        Near(26 / 6.0, (await CellAsync("belt-restraint-hours-mean", "2024", AreaType.Region, "1081")).Value);

        var small = Publication.Apply(await CellAsync("belt-restraint-hours-mean", "2024", AreaType.Region, "1082"));
        Assert.Equal(-1, small.Value); // one belt restraint: its hours would reveal the person
    }

    [Fact]
    public async Task Half_years_split_by_the_start()
    {
        Assert.Equal(31, (await CellAsync("coercion-target-episodes", "2024H1", AreaType.Nation, "DK")).Numerator);
        var h2 = await CellAsync("coercion-target-episodes", "2024H2", AreaType.Nation, "DK");
        Assert.Equal(1, h2.Numerator);
        Assert.Equal(350_000, h2.Denominator); // the year's 2nd quarter
        // Half-years compare with the same half of 2021-2023: every baseline episode starts in March except P3's on
        // New Year's Eve, the only one in a second half.
        Near(1 / 3.0 * 100_000 / 350_000, (await CellAsync("coercion-target-episodes", "2024H2", AreaType.Nation, "DK")).BaselineValue);
        Near(60 / 3.0 * 100_000 / 350_000, (await CellAsync("coercion-target-episodes", "2024H1", AreaType.Nation, "DK")).BaselineValue);
    }

    [Fact]
    public async Task Episodes_per_admitted_patient()
    {
        var nation = await CellAsync("coercion-target-episodes-per-admitted-patient", "2024", AreaType.Nation, "DK");
        Assert.Equal(32, nation.Numerator);
        Assert.Equal(11, nation.Denominator);
        Near(32 / 11.0, nation.Value);
        Assert.False(nation.Suppressed);
        Assert.Equal(10, Publication.Apply(nation).Denominator);

        var midt = await CellAsync("coercion-target-episodes-per-admitted-patient", "2024", AreaType.Region, "1082");
        Assert.Equal(2, midt.Denominator); // P1 and P4
        Near(12, midt.Value);
        Assert.True(midt.Suppressed);
        Assert.Equal(-1, Publication.Apply(midt).Value);
    }

    [Fact]
    public async Task Other_register_types_are_counted_apart_from_the_target()
    {
        Assert.Equal(1, (await CellAsync("compulsory-admissions", "2024", AreaType.Nation, "DK")).Numerator);
        Assert.Equal(1, (await CellAsync("register-discharge-agreement-persons", "2024", AreaType.Municipality, "0851")).Numerator);
        Assert.Equal(0, (await CellAsync("register-coordination-plans", "2024", AreaType.Nation, "DK")).Numerator);
    }

    [Fact]
    public async Task Every_indicator_period_area_and_age_group_has_one_row()
    {
        await using var db = database.NewContext();
        var count = await db.IndicatorResults.CountAsync();
        // 19 indicators x 4 years x 3 kinds of period x (nation + 5 regions + 98 municipalities) x 3 age groups.
        Assert.Equal(19 * 4 * 3 * 104 * 3, count);
        Assert.Equal(IndicatorCatalog.All.Select(i => i.Id).Order(), (await db.IndicatorResults.Select(r => r.IndicatorId).Distinct().ToListAsync()).Order());
    }
}

public sealed class ComputeIndicatorsRunTests
{
    [Fact]
    public async Task Recomputing_is_an_upsert_that_writes_only_what_changed()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await IndicatorDataset.LoadAndComputeAsync(database);
        long id;
        await using (var db = database.NewContext())
        {
            id = (await db.IndicatorResults.SingleAsync(r => r.IndicatorId == "coercion-target-episodes" && r.Period == "2024" && r.AreaType == AreaType.Nation && r.AgeGroup == AgeGroup.All)).Id;
            var again = await new ComputeIndicators(db, database.Clock).RunAsync();
            Assert.Equal((0, 0, 0), (again.Inserted, again.Updated, again.Deleted));

            // A cell that no longer exists goes, and a stored row that differs from its figure in any column is rewritten.
            db.IndicatorResults.Add(new IndicatorResult
            {
                IndicatorId = "coercion-target-episodes", Period = "1999", AreaType = AreaType.Nation, AreaCode = "DK", AreaName = "Hele landet",
                AgeGroup = AgeGroup.All, ComputedAt = database.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
            await db.IndicatorResults.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.AreaName, "Hele landet (gammel)"));
            await db.IndicatorResults.Where(r => r.Id == id + 1).ExecuteUpdateAsync(u => u.SetProperty(r => r.BaselineValue, r => r.BaselineValue + 1));
            var repaired = await new ComputeIndicators(db, database.Clock).RunAsync();
            Assert.Equal((0, 2, 1), (repaired.Inserted, repaired.Updated, repaired.Deleted));
            Assert.False(await db.IndicatorResults.AnyAsync(r => r.Period == "1999" || r.AreaName == "Hele landet (gammel)"));

            await IndicatorDataset.ImportAsync(db, ImportKind.Register,
                "measure_id;person_key;birth_date;municipality_code;region_code;ward_sor;type;start;end\nX1;P9;1980-01-01;0851;1081;1;fastholdelse;2024-10-01T10:00:00;\n");
            var third = await new ComputeIndicators(db, database.Clock).RunAsync();
            Assert.Equal(0, third.Inserted);
            Assert.True(third.Updated > 0);
        }

        await using var check = database.NewContext();
        var cell = await check.IndicatorResults.SingleAsync(r => r.IndicatorId == "coercion-target-episodes" && r.Period == "2024" && r.AreaType == AreaType.Nation && r.AgeGroup == AgeGroup.All);
        Assert.Equal(id, cell.Id);
        Assert.Equal(33, cell.Numerator);
    }

    [Fact]
    public async Task A_missing_2nd_quarter_population_stops_the_computation_with_a_clear_message()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        await IndicatorDataset.ImportAsync(db, ImportKind.Population, IndicatorDataset.Population(withSecondQuarter: false));
        await IndicatorDataset.ImportAsync(db, ImportKind.Register, IndicatorDataset.Register());

        var error = await Assert.ThrowsAsync<IndicatorComputationException>(() => new ComputeIndicators(db, database.Clock).RunAsync());
        Assert.Contains("2. kvartal", error.Message, StringComparison.Ordinal);
        Assert.Contains("2021, 2022, 2023, 2024", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.IndicatorResults.CountAsync());
    }

    [Fact]
    public async Task Without_register_data_there_is_nothing_to_compute()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = database.NewContext();
        var summary = await new ComputeIndicators(db, database.Clock).RunAsync();
        Assert.Equal(0, summary.Cells);
    }
}
