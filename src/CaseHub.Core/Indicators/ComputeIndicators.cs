using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Indicators;

/// <summary>The computation cannot run; the message (Danish) says what is missing.</summary>
public sealed class IndicatorComputationException(string message) : Exception(message);

/// <summary>What a computation did.</summary>
public sealed record ComputeSummary(int Cells, int Inserted, int Updated, int Deleted, IReadOnlyList<int> Years, TimeSpan Elapsed)
{
    /// <summary>Where the time went, in order (printed by the benchmark).</summary>
    public IReadOnlyList<ComputePhase> Phases { get; init; } = [];
}

/// <summary>
/// One step of a computation: how long it took, and the CPU time the whole process used meanwhile (a figure that
/// other processes sharing the cores do not inflate, which the benchmark needs on a busy machine).
/// </summary>
public sealed record ComputePhase(string Name, TimeSpan Elapsed, TimeSpan ProcessCpu);

/// <summary>
/// Computes every national indicator (DOMAIN.md section 5) for every year and half-year with register data, for the
/// nation, each region (the ward's region) and each municipality (residence), for all, adults and children, and stores
/// the results as an upsert on (indicator, period, area type, area code, age group). Each source is read in one plain
/// scan of the columns the figures need (the period, half-year and age were derived at import), and every row is
/// rolled up in memory into the twelve cells it counts in; distinct persons cannot be summed across cells, so each cell
/// counts persons with a stamp while the rows are fed grouped by person. A job: one public method, run nightly and
/// after an import.
/// </summary>
public sealed class ComputeIndicators(CaseHubDbContext db, TimeProvider clock)
{
    private const int TargetGroup = 7;
    private static readonly AgeGroup[] Ages = [AgeGroup.All, AgeGroup.Adults, AgeGroup.Children];

    public async Task<ComputeSummary> RunAsync(CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var phases = new List<ComputePhase>();
        var phaseStarted = started;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuStarted = process.TotalProcessorTime;
        void Phase(string name)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            phases.Add(new ComputePhase(name, System.Diagnostics.Stopwatch.GetElapsedTime(phaseStarted, now), cpu - cpuStarted));
            (phaseStarted, cpuStarted) = (now, cpu);
        }

        var areas = await AreasAsync(ct);
        Phase("areas");

        // Each source is read once, in one plain scan, and collapsed in memory: grouping on the database sorted the
        // rows by person key strings, which cost several times the scan itself.
        var measures = await ReadMeasuresAsync(areas, ct);
        Phase("register");
        var years = measures.Years();
        var population = await ReadPopulationAsync(areas, years, ct);
        var missing = years.Except(population.Select(p => p.Year)).ToList();
        if (missing.Count > 0)
        {
            throw new IndicatorComputationException(
                $"Befolkningstallet for 2. kvartal mangler for {string.Join(", ", missing)}. Importér befolkningstal for 2. kvartal for hvert år med registerdata, og beregn igen.");
        }

        Phase("population");
        var admissions = await ReadAdmissionsAsync(areas, years, ct);
        Phase("admissions");

        var cells = new Cells(years, areas.All.Count);
        CountMeasures(measures, cells);
        AddPopulation(population, cells);
        CountAdmitted(admissions, years, cells);
        Phase("counting");

        var computedAt = clock.GetUtcNow().UtcDateTime;
        var results = Build(areas, years, cells, computedAt);
        Phase("figures");

        // The operational indicators from CaseHub's own data join the same upsert, so one run keeps all results current.
        results.AddRange(await new OperationalIndicators(db, clock).ComputeAsync(computedAt, ct));
        Phase("operational");
        var (inserted, updated, deleted) = await UpsertAsync(results, computedAt, ct);
        Phase("upsert");
        return new ComputeSummary(results.Count, inserted, updated, deleted, years, System.Diagnostics.Stopwatch.GetElapsedTime(started)) { Phases = phases };
    }

    private sealed record Area(AreaType Type, string Code, string Name, int Index, int? RegionIndex);

    private sealed class Areas
    {
        public List<Area> All { get; } = [];

        public Dictionary<string, Area> Regions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Area> Municipalities { get; } = new(StringComparer.Ordinal);

        public Area Region(string code) => Regions.TryGetValue(code, out var area) ? area : Add(AreaType.Region, code, $"Region {code}", null);

        public Area Municipality(string code) =>
            Municipalities.TryGetValue(code, out var area) ? area : Add(AreaType.Municipality, code, $"Kommune {code}", null);

        public Area Add(AreaType type, string code, string name, int? regionIndex)
        {
            var area = new Area(type, code, name, All.Count, regionIndex);
            All.Add(area);
            if (type == AreaType.Region)
            {
                Regions[code] = area;
            }
            else if (type == AreaType.Municipality)
            {
                Municipalities[code] = area;
            }

            return area;
        }
    }

    private async Task<Areas> AreasAsync(CancellationToken ct)
    {
        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.Region || o.Kind == OrganizationKind.Municipality)
            .Select(o => new { o.Id, o.Kind, o.Code, o.Name, o.ParentId })
            .ToListAsync(ct);
        var areas = new Areas();
        areas.Add(AreaType.Nation, IndicatorCatalog.NationCode, "Hele landet", null);
        var regionById = new Dictionary<Guid, Area>();
        foreach (var region in organizations.Where(o => o.Kind == OrganizationKind.Region).OrderBy(o => o.Code, StringComparer.Ordinal))
        {
            regionById[region.Id] = areas.Add(AreaType.Region, region.Code, region.Name, null);
        }

        foreach (var m in organizations.Where(o => o.Kind == OrganizationKind.Municipality).OrderBy(o => o.Code, StringComparer.Ordinal))
        {
            var region = m.ParentId is { } p && regionById.TryGetValue(p, out var r) ? r.Index : (int?)null;
            areas.Add(AreaType.Municipality, m.Code, m.Name, region);
        }

        return areas;
    }

    /// <summary>A cell: counting group (a measure type, or the target), year, period kind (0 year, 1-2 half), area, age.</summary>
    private readonly record struct Key(int Group, int Year, int Kind, int Area, AgeGroup Age);

    /// <summary>A denominator cell: year, area, age (the population does not depend on the half-year).</summary>
    private readonly record struct PopulationKey(int Year, int Area, AgeGroup Age);

    /// <summary>
    /// Every cell's counts in flat arrays (group x year x kind of period x area x age group), so rolling a row up into
    /// its twelve cells (year and half, nation, region and municipality, all and its age group) is a few array
    /// increments. Distinct persons are counted with a stamp per cell: rows are fed grouped by person, so a cell counts
    /// a person when its stamp is not already that person.
    /// </summary>
    private sealed class Cells
    {
        private const int Groups = 8;
        private readonly int firstYear;
        private readonly int[] yearIndex;
        private readonly int years;
        private readonly int areas;
        private readonly long[] episodes;
        private readonly int[] persons;
        private readonly int[] personStamp;
        private readonly int[] admitted;
        private readonly int[] admittedStamp;
        private readonly long[] population;

        public Cells(IReadOnlyList<int> years, int areas)
        {
            firstYear = years.Count > 0 ? years[0] : 0;
            yearIndex = new int[years.Count > 0 ? years[^1] - firstYear + 1 : 0];
            Array.Fill(yearIndex, -1);
            for (var i = 0; i < years.Count; i++)
            {
                yearIndex[years[i] - firstYear] = i;
            }

            this.years = years.Count;
            this.areas = areas;
            var size = Groups * this.years * 3 * areas * 3;
            episodes = new long[size];
            persons = new int[size];
            personStamp = new int[size];
            admitted = new int[size];
            admittedStamp = new int[size];
            Array.Fill(personStamp, -1);
            Array.Fill(admittedStamp, -1);
            population = new long[this.years * areas * 3];
        }

        private Dictionary<int, List<double>> Hours { get; } = [];

        public bool HasYear(int year) => year >= firstYear && year - firstYear < yearIndex.Length && yearIndex[year - firstYear] >= 0;

        private int Index(int group, int year, int kind, int area, AgeGroup age) =>
            (((((group * years) + yearIndex[year - firstYear]) * 3 + kind) * areas + area) * 3) + (int)age;

        private int Index(Key key) => Index(key.Group, key.Year, key.Kind, key.Area, key.Age);

        private int Index(PopulationKey key) => (((yearIndex[key.Year - firstYear] * areas) + key.Area) * 3) + (int)key.Age;

        /// <summary>The twelve cells a row of that year, half, areas and age counts in.</summary>
        private void CellsOf(int group, int year, int half, int region, int municipality, bool child, Span<int> into)
        {
            var age = child ? AgeGroup.Children : AgeGroup.Adults;
            var n = 0;
            foreach (var kind in (ReadOnlySpan<int>)[0, half])
            {
                foreach (var area in (ReadOnlySpan<int>)[0, region, municipality])
                {
                    into[n++] = Index(group, year, kind, area, AgeGroup.All);
                    into[n++] = Index(group, year, kind, area, age);
                }
            }
        }

        public void AddEpisode(int group, int year, int half, int region, int municipality, bool child, int person)
        {
            Span<int> targets = stackalloc int[12];
            CellsOf(group, year, half, region, municipality, child, targets);
            foreach (var i in targets)
            {
                episodes[i]++;
                if (personStamp[i] != person)
                {
                    personStamp[i] = person;
                    persons[i]++;
                }
            }
        }

        public void AddAdmitted(int group, int year, int half, int region, int municipality, bool child, int person)
        {
            Span<int> targets = stackalloc int[12];
            CellsOf(group, year, half, region, municipality, child, targets);
            foreach (var i in targets)
            {
                if (admittedStamp[i] != person)
                {
                    admittedStamp[i] = person;
                    admitted[i]++;
                }
            }
        }

        public void AddHours(int group, int year, int half, int region, int municipality, bool child, double hours)
        {
            Span<int> targets = stackalloc int[12];
            CellsOf(group, year, half, region, municipality, child, targets);
            foreach (var i in targets)
            {
                if (!Hours.TryGetValue(i, out var list))
                {
                    Hours[i] = list = [];
                }

                list.Add(hours);
            }
        }

        public void AddPopulation(PopulationKey key, long count) => population[Index(key)] += count;

        public long Episodes(Key key) => HasYear(key.Year) ? episodes[Index(key)] : 0;

        public int Persons(Key key) => HasYear(key.Year) ? persons[Index(key)] : 0;

        public int Admitted(Key key) => HasYear(key.Year) ? admitted[Index(key)] : 0;

        public List<double> HoursOf(Key key) => HasYear(key.Year) ? Hours.GetValueOrDefault(Index(key)) ?? [] : [];

        public long Population(PopulationKey key) => HasYear(key.Year) ? population[Index(key)] : 0;
    }

    /// <summary>
    /// Register rows in flat arrays: the person as a dense number (first seen first), the rest as area and group
    /// indexes, so counting touches no strings.
    /// </summary>
    private sealed class MeasureRows
    {
        public List<int> Person { get; } = [];

        public List<int> Type { get; } = [];

        public List<int> Year { get; } = [];

        public List<int> Half { get; } = [];

        public List<int> Region { get; } = [];

        public List<int> Municipality { get; } = [];

        public List<bool> Child { get; } = [];

        /// <summary>Belt restraints with an end: (row, hours).</summary>
        public List<(int Row, double Hours)> Hours { get; } = [];

        public int Persons { get; set; }

        public List<int> Years() => Year.Distinct().Order().ToList();
    }

    private async Task<MeasureRows> ReadMeasuresAsync(Areas areas, CancellationToken ct)
    {
        // Text columns are numbered while scanning (no string per row) and translated to types and areas afterwards.
        var rows = new MeasureRows();
        var (persons, types, regions, municipalities) = (new Numbering(), new Numbering(), new Numbering(), new Numbering());
        var hours = new List<(int Row, double Hours)>();
        var query = db.RegisterMeasures.AsNoTracking()
            .Select(m => new { m.PersonKey, m.Type, m.Year, m.Half, m.RegionCode, m.MunicipalityCode, m.IsChild, m.DurationHours });
        await RowScan.ReadAsync(db, query, (in ScanRow row) =>
        {
            if (!row.IsNull(7))
            {
                hours.Add((rows.Person.Count, row.Double(7)));
            }

            rows.Person.Add(row.Number(0, persons));
            rows.Type.Add(row.Number(1, types));
            rows.Year.Add(row.Int32(2));
            rows.Half.Add(row.Int32(3));
            rows.Region.Add(row.Number(4, regions));
            rows.Municipality.Add(row.Number(5, municipalities));
            rows.Child.Add(row.Boolean(6));
        }, ct);

        Translate(rows.Type, types.Keys.Select(t => (int)Enum.Parse<RegisterMeasureType>(t)).ToArray());
        Translate(rows.Region, regions.Keys.Select(code => areas.Region(code).Index).ToArray());
        Translate(rows.Municipality, municipalities.Keys.Select(code => areas.Municipality(code).Index).ToArray());
        rows.Hours.AddRange(hours.Where(h => rows.Type[h.Row] == (int)RegisterMeasureType.BeltRestraint));
        rows.Persons = persons.Count;
        return rows;
    }

    /// <summary>Replaces each number in <paramref name="values"/> by what it stands for.</summary>
    private static void Translate(List<int> values, int[] meaning)
    {
        foreach (ref var value in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values))
        {
            value = meaning[value];
        }
    }

    /// <summary>The row numbers grouped by person (a counting sort), which is what the per-cell person stamps need.</summary>
    private static int[] ByPerson(List<int> person, int persons)
    {
        var next = new int[persons + 1];
        foreach (var p in person)
        {
            next[p + 1]++;
        }

        for (var p = 1; p <= persons; p++)
        {
            next[p] += next[p - 1];
        }

        var order = new int[person.Count];
        for (var row = 0; row < person.Count; row++)
        {
            order[next[person[row]]++] = row;
        }

        return order;
    }

    private static void CountMeasures(MeasureRows rows, Cells cells)
    {
        var targets = IndicatorCatalog.TargetTypes.Select(t => (int)t).ToHashSet();
        foreach (var row in ByPerson(rows.Person, rows.Persons))
        {
            var type = rows.Type[row];
            var (year, half, region, municipality, child, person) =
                (rows.Year[row], rows.Half[row], rows.Region[row], rows.Municipality[row], rows.Child[row], rows.Person[row]);
            cells.AddEpisode(type, year, half, region, municipality, child, person);
            if (targets.Contains(type))
            {
                cells.AddEpisode(TargetGroup, year, half, region, municipality, child, person);
            }
        }

        foreach (var (row, hours) in rows.Hours)
        {
            cells.AddHours((int)RegisterMeasureType.BeltRestraint, rows.Year[row], rows.Half[row], rows.Region[row], rows.Municipality[row], rows.Child[row], hours);
        }
    }

    private sealed record PopulationRow(int Year, Area Municipality, bool Child, long Count);

    private async Task<List<PopulationRow>> ReadPopulationAsync(Areas areas, List<int> years, CancellationToken ct)
    {
        // The national method: the 2nd quarter's population of the year, summed over the area and the age group. All
        // years are read (a few thousand sums) so a missing 2nd quarter can be named.
        var rows = await db.PopulationCounts.AsNoTracking()
            .Where(p => p.Quarter == 2)
            .GroupBy(p => new { p.Year, p.MunicipalityCode, Child = p.Age < 18 })
            .Select(g => new { g.Key.Year, g.Key.MunicipalityCode, g.Key.Child, Count = g.Sum(p => (long)p.Count) })
            .ToListAsync(ct);
        return rows.Where(r => years.Contains(r.Year))
            .OrderBy(r => r.MunicipalityCode, StringComparer.Ordinal)
            .Select(r => new PopulationRow(r.Year, areas.Municipality(r.MunicipalityCode), r.Child, r.Count))
            .ToList();
    }

    private static void AddPopulation(List<PopulationRow> rows, Cells cells)
    {
        foreach (var row in rows)
        {
            var age = row.Child ? AgeGroup.Children : AgeGroup.Adults;
            foreach (var area in new[] { 0, row.Municipality.RegionIndex ?? -1, row.Municipality.Index }.Where(a => a >= 0))
            {
                cells.AddPopulation(new PopulationKey(row.Year, area, AgeGroup.All), row.Count);
                cells.AddPopulation(new PopulationKey(row.Year, area, age), row.Count);
            }
        }
    }

    private readonly record struct AdmissionRow(int Person, DateOnly BirthDate, int Region, int Municipality, DateTime StartLocal, DateTime EndLocal);

    private async Task<(List<AdmissionRow> Rows, int Persons)> ReadAdmissionsAsync(Areas areas, List<int> years, CancellationToken ct)
    {
        var rows = new List<AdmissionRow>();
        if (years.Count == 0)
        {
            return (rows, 0);
        }

        // Only admissions that touch a computed year are read.
        var from = DanishCalendar.ToUtc(new DateTime(years[0], 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var to = DanishCalendar.ToUtc(new DateTime(years[^1] + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var (persons, regions, municipalities) = (new Numbering(), new Numbering(), new Numbering());
        var query = db.AdmissionExtractRows.AsNoTracking()
            .Where(a => a.Start < to && (a.End == null || a.End >= from))
            .Select(a => new { a.PersonKey, a.BirthDate, a.RegionCode, a.MunicipalityCode, a.Start, a.End });
        await RowScan.ReadAsync(db, query, (in ScanRow row) => rows.Add(new AdmissionRow(
            row.Number(0, persons),
            row.DateOnly(1),
            row.Number(2, regions),
            row.Number(3, municipalities),
            DanishCalendar.ToDanishTime(row.DateTime(4)),
            row.NullableDateTime(5) is { } end ? DanishCalendar.ToDanishTime(end) : DateTime.MaxValue)), ct);
        var (regionArea, municipalityArea) = (
            regions.Keys.Select(code => areas.Region(code).Index).ToArray(),
            municipalities.Keys.Select(code => areas.Municipality(code).Index).ToArray());
        foreach (ref var row in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows))
        {
            row = row with { Region = regionArea[row.Region], Municipality = municipalityArea[row.Municipality] };
        }

        return (rows, persons.Count);
    }

    private static void CountAdmitted((List<AdmissionRow> Rows, int Persons) admissions, List<int> years, Cells cells)
    {
        // An admitted patient in a period: a distinct person with an admission overlapping it, aged by the later of the
        // admission's start and the period's start.
        var yearSet = years.ToHashSet();
        foreach (var index in ByPerson(admissions.Rows.Select(r => r.Person).ToList(), admissions.Persons))
        {
            var row = admissions.Rows[index];
            for (var year = Math.Max(row.StartLocal.Year, years[0]); year <= Math.Min(row.EndLocal.Year, years[^1]); year++)
            {
                if (!yearSet.Contains(year))
                {
                    continue;
                }

                for (var half = 1; half <= 2; half++)
                {
                    var halfStart = new DateTime(year, half == 1 ? 1 : 7, 1, 0, 0, 0, DateTimeKind.Unspecified);
                    var halfEnd = half == 1 ? new DateTime(year, 7, 1, 0, 0, 0, DateTimeKind.Unspecified) : new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
                    if (row.StartLocal >= halfEnd || row.EndLocal < halfStart)
                    {
                        continue;
                    }

                    var ageDay = DateOnly.FromDateTime(row.StartLocal > halfStart ? row.StartLocal : halfStart);
                    var child = IndicatorImport.AgeAt(row.BirthDate, ageDay) < 18;
                    cells.AddAdmitted(TargetGroup, year, half, row.Region, row.Municipality, child, row.Person);
                }
            }
        }
    }

    private static int GroupOf(IndicatorDefinition definition) =>
        definition.Types.Count > 1 ? TargetGroup : (int)definition.Types[0];

    private static string PeriodName(int year, int kind) => kind == 0 ? $"{year}" : $"{year}H{kind}";

    /// <summary>One cell's figure: the count it rests on, its denominator and its value.</summary>
    private readonly record struct Figure(long Numerator, long? Denominator, double? Value);

    private static Figure FigureFor(IndicatorDefinition definition, Cells cells, Key key, long population)
    {
        switch (definition.Kind)
        {
            case IndicatorKind.Episodes:
            {
                var count = cells.Episodes(key);
                return new Figure(count, population, population > 0 ? count * 100_000.0 / population : null);
            }

            case IndicatorKind.Persons:
            {
                var count = cells.Persons(key);
                return new Figure(count, population, population > 0 ? count * 100_000.0 / population : null);
            }

            case IndicatorKind.HoursMean:
            case IndicatorKind.HoursMedian:
            {
                var hours = cells.HoursOf(key);
                return new Figure(hours.Count, null, Hours(definition.Kind, hours));
            }

            default:
            {
                var episodes = cells.Episodes(key);
                var admitted = cells.Admitted(key);
                return new Figure(episodes, admitted, admitted > 0 ? (double)episodes / admitted : null);
            }
        }
    }

    private static double? Hours(IndicatorKind kind, List<double> hours)
    {
        if (hours.Count == 0)
        {
            return null;
        }

        if (kind == IndicatorKind.HoursMean)
        {
            return hours.Average();
        }

        var sorted = hours.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static List<IndicatorResult> Build(Areas areas, List<int> years, Cells cells, DateTime computedAt)
    {
        var results = new List<IndicatorResult>();
        var hasBaseline = IndicatorCatalog.BaselineYears.All(years.Contains);
        foreach (var definition in IndicatorCatalog.All)
        {
            var group = GroupOf(definition);
            foreach (var area in areas.All)
            {
                foreach (var age in Ages)
                {
                    foreach (var kind in (ReadOnlySpan<int>)[0, 1, 2])
                    {
                        var baseline = hasBaseline ? Baseline(definition, cells, group, kind, area.Index, age) : null;
                        foreach (var year in years)
                        {
                            var key = new Key(group, year, kind, area.Index, age);
                            var population = cells.Population(new PopulationKey(year, area.Index, age));
                            var figure = FigureFor(definition, cells, key, population);
                            var suppressed = Publication.IsSmall(figure.Numerator)
                                || (definition.Kind == IndicatorKind.PerAdmittedPatient && figure.Denominator is { } d && Publication.IsSmall(d));
                            results.Add(new IndicatorResult
                            {
                                IndicatorId = definition.Id,
                                Period = PeriodName(year, kind),
                                AreaType = area.Type,
                                AreaCode = area.Code,
                                AreaName = area.Name,
                                AgeGroup = age,
                                Numerator = figure.Numerator,
                                Denominator = figure.Denominator,
                                Value = figure.Value,
                                BaselineValue = baseline?.Value,
                                BaselineNumerator = baseline?.MeanCount,
                                ChangePct = figure.Value is { } v && baseline?.Value is { } b && b != 0 ? (v - b) / b * 100 : null,
                                Suppressed = suppressed,
                                ComputedAt = computedAt,
                            });
                        }
                    }
                }
            }
        }

        return results;
    }

    /// <summary>
    /// 2021-2023 for the same kind of period: mean count over mean denominator (the sums' ratio, as all three years are
    /// present), and for the hours the mean or median of the three years' belt restraints pooled.
    /// </summary>
    private static (double? Value, double MeanCount)? Baseline(IndicatorDefinition definition, Cells cells, int group, int kind, int area, AgeGroup age)
    {
        var baselineYears = IndicatorCatalog.BaselineYears;
        if (definition.Kind is IndicatorKind.HoursMean or IndicatorKind.HoursMedian)
        {
            var pooled = baselineYears.SelectMany(y => cells.HoursOf(new Key(group, y, kind, area, age))).ToList();
            return (Hours(definition.Kind, pooled), pooled.Count / (double)baselineYears.Count);
        }

        long numerator = 0, denominator = 0;
        foreach (var year in baselineYears)
        {
            var figure = FigureFor(definition, cells, new Key(group, year, kind, area, age), cells.Population(new PopulationKey(year, area, age)));
            numerator += figure.Numerator;
            denominator += figure.Denominator ?? 0;
        }

        var scale = definition.Kind == IndicatorKind.PerAdmittedPatient ? 1.0 : 100_000.0;
        return (denominator > 0 ? numerator * scale / denominator : null, numerator / (double)baselineYears.Count);
    }

    private static bool Same(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));

    /// <summary>The stored row (as projected in <see cref="UpsertAsync"/>) has the computed result's figures.</summary>
    private static bool SameFigures(in ScanRow stored, IndicatorResult computed) =>
        stored.Int64(6) == computed.Numerator && stored.NullableInt64(7) == computed.Denominator
        && Same(stored.NullableDouble(8), computed.Value) && Same(stored.NullableDouble(9), computed.BaselineValue)
        && Same(stored.NullableDouble(10), computed.BaselineNumerator) && Same(stored.NullableDouble(11), computed.ChangePct)
        && stored.Boolean(12) == computed.Suppressed && stored.TextEquals(13, computed.AreaName);

    /// <summary>
    /// Upsert on the unique key in one transaction: changed rows are updated in place, new ones inserted, cells that no
    /// longer exist removed; unchanged rows are not written at all, so a nightly run over unchanged data writes nothing.
    /// </summary>
    private async Task<(int Inserted, int Updated, int Deleted)> UpsertAsync(List<IndicatorResult> results, DateTime computedAt, CancellationToken ct)
    {
        // Stored rows are matched to the computed cells on their key columns' numbers, so reading the stored results
        // creates no strings.
        var key = (Indicator: new Numbering(), Period: new Numbering(), AreaType: new Numbering(), AreaCode: new Numbering(), Age: new Numbering());
        var cells = new Dictionary<(int, int, int, int, int), int>(results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            cells[(key.Indicator.Of(r.IndicatorId), key.Period.Of(r.Period), key.AreaType.Of(r.AreaType.ToString()), key.AreaCode.Of(r.AreaCode), key.Age.Of(r.AgeGroup.ToString()))] = i;
        }

        var stored = new bool[results.Count];
        var updates = new List<IndicatorResult>();
        var stale = new List<long>();
        var query = db.IndicatorResults.AsNoTracking().Select(r => new
        {
            r.Id, r.IndicatorId, r.Period, r.AreaType, r.AreaCode, r.AgeGroup, r.Numerator, r.Denominator, r.Value, r.BaselineValue,
            r.BaselineNumerator, r.ChangePct, r.Suppressed, r.AreaName,
        });
        await RowScan.ReadAsync(db, query, (in ScanRow row) =>
        {
            var cell = (row.Number(1, key.Indicator), row.Number(2, key.Period), row.Number(3, key.AreaType), row.Number(4, key.AreaCode), row.Number(5, key.Age));
            if (!cells.TryGetValue(cell, out var index))
            {
                stale.Add(row.Int64(0));
                return;
            }

            stored[index] = true;
            if (!SameFigures(row, results[index]))
            {
                results[index].Id = row.Int64(0);
                results[index].ComputedAt = computedAt;
                updates.Add(results[index]);
            }
        }, ct);
        var inserts = results.Where((_, i) => !stored[i]).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in stale.Chunk(1000))
        {
            await db.IndicatorResults.Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(ct);
        }

        await BulkWriter.UpdateAsync(db, updates, ct);
        await BulkWriter.InsertAsync(db, inserts, ct);
        await transaction.CommitAsync(ct);
        return (inserts.Count, updates.Count, stale.Count);
    }
}
