using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Indicators;

/// <summary>The computation cannot run; the message (Danish) says what is missing.</summary>
public sealed class IndicatorComputationException(string message) : Exception(message);

/// <summary>What a computation did.</summary>
public sealed record ComputeSummary(int Cells, int Inserted, int Updated, int Deleted, IReadOnlyList<int> Years, TimeSpan Elapsed);

/// <summary>
/// Computes every national indicator (DOMAIN.md section 5) for every year and half-year with register data, for the
/// nation, each region (the ward's region) and each municipality (residence), for all, adults and children, and stores
/// the results as an upsert on (indicator, period, area type, area code, age group). The database does the heavy part:
/// one grouped query returns the register rows collapsed to (type, period, region, municipality, child, person), so
/// only those few rows travel to the app, where they are rolled up into every cell (distinct persons cannot be summed,
/// so the person key is kept in the grouping). A job: one public method, run nightly and after an import.
/// </summary>
public sealed class ComputeIndicators(CaseHubDbContext db, TimeProvider clock)
{
    private const int TargetGroup = 7;
        private static readonly AgeGroup[] Ages = [AgeGroup.All, AgeGroup.Adults, AgeGroup.Children];

    public async Task<ComputeSummary> RunAsync(CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var areas = await AreasAsync(ct);

        var years = await db.RegisterMeasures.Select(m => m.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
        var populationYears = await db.PopulationCounts.Where(p => p.Quarter == 2).Select(p => p.Year).Distinct().ToListAsync(ct);
        var missing = years.Except(populationYears).ToList();
        if (missing.Count > 0)
        {
            throw new IndicatorComputationException(
                $"Befolkningstallet for 2. kvartal mangler for {string.Join(", ", missing)}. Importér befolkningstal for 2. kvartal for hvert år med registerdata, og beregn igen.");
        }

        await AddAreasInDataAsync(areas, years, ct);
        var cells = new Cells(years, areas.All.Count);
        await CountMeasuresAsync(areas, cells, ct);
        await LoadDurationsAsync(areas, cells, ct);
        await LoadPopulationAsync(areas, years, cells, ct);
        await CountAdmittedAsync(areas, years, cells, ct);

        var computedAt = clock.GetUtcNow().UtcDateTime;
        var results = Build(areas, years, cells, computedAt);

        // The operational indicators from CaseHub's own data join the same upsert, so one run keeps all results current.
        results.AddRange(await new OperationalIndicators(db, clock).ComputeAsync(computedAt, ct));
        var (inserted, updated, deleted) = await UpsertAsync(results, computedAt, ct);
        return new ComputeSummary(results.Count, inserted, updated, deleted, years, System.Diagnostics.Stopwatch.GetElapsedTime(started));
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

    /// <summary>Codes in the data that are not in the reference list still get their own cells.</summary>
    private async Task AddAreasInDataAsync(Areas areas, List<int> years, CancellationToken ct)
    {
        foreach (var code in await db.RegisterMeasures.Select(m => m.RegionCode).Distinct().ToListAsync(ct))
        {
            areas.Region(code);
        }

        foreach (var code in await db.AdmissionExtractRows.Select(m => m.RegionCode).Distinct().ToListAsync(ct))
        {
            areas.Region(code);
        }

        var municipalities = await db.RegisterMeasures.Select(m => m.MunicipalityCode).Distinct().ToListAsync(ct);
        municipalities.AddRange(await db.AdmissionExtractRows.Select(m => m.MunicipalityCode).Distinct().ToListAsync(ct));
        municipalities.AddRange(await db.PopulationCounts.Where(p => p.Quarter == 2 && years.Contains(p.Year)).Select(p => p.MunicipalityCode).Distinct().ToListAsync(ct));
        foreach (var code in municipalities.Distinct().Order(StringComparer.Ordinal))
        {
            areas.Municipality(code);
        }
    }

    /// <summary>A cell: counting group (a measure type, or the target), year, period kind (0 year, 1-2 half), area, age.</summary>
    private readonly record struct Key(int Group, int Year, int Kind, int Area, AgeGroup Age);

    /// <summary>A denominator cell: year, area, age (the population does not depend on the half-year).</summary>
    private readonly record struct PopulationKey(int Year, int Area, AgeGroup Age);

    /// <summary>
    /// Every cell's counts in flat arrays (group x year x kind of period x area x age group), so rolling a row up into
    /// its twelve cells is a few array increments. Distinct persons are counted with a stamp per cell: the rows arrive
    /// ordered by person, so a cell counts a person when its stamp is not already that person.
    /// </summary>
    private sealed class Cells
    {
        private const int Groups = 8;
        private readonly Dictionary<int, int> yearIndex;
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
            yearIndex = years.Select((y, i) => (y, i)).ToDictionary(p => p.y, p => p.i);
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

        public Dictionary<int, List<double>> Hours { get; } = [];

        public bool HasYear(int year) => yearIndex.ContainsKey(year);

        public int Index(Key key) =>
            (((((key.Group * years) + yearIndex[key.Year]) * 3 + key.Kind) * areas + key.Area) * 3) + (int)key.Age;

        private int Index(PopulationKey key) => (((yearIndex[key.Year] * areas) + key.Area) * 3) + (int)key.Age;

        public void AddEpisodes(Key key, int count, int person)
        {
            var i = Index(key);
            episodes[i] += count;
            if (personStamp[i] != person)
            {
                personStamp[i] = person;
                persons[i]++;
            }
        }

        public void AddAdmitted(Key key, int person)
        {
            var i = Index(key);
            if (admittedStamp[i] != person)
            {
                admittedStamp[i] = person;
                admitted[i]++;
            }
        }

        public void AddHours(Key key, double hours)
        {
            var i = Index(key);
            if (!Hours.TryGetValue(i, out var list))
            {
                Hours[i] = list = [];
            }

            list.Add(hours);
        }

        public void AddPopulation(PopulationKey key, long count) => population[Index(key)] += count;

        public long Episodes(Key key) => HasYear(key.Year) ? episodes[Index(key)] : 0;

        public int Persons(Key key) => HasYear(key.Year) ? persons[Index(key)] : 0;

        public int Admitted(Key key) => HasYear(key.Year) ? admitted[Index(key)] : 0;

        public List<double> HoursOf(Key key) => HasYear(key.Year) ? Hours.GetValueOrDefault(Index(key)) ?? [] : [];

        public long Population(PopulationKey key) => HasYear(key.Year) ? population[Index(key)] : 0;
    }

    /// <summary>The cells one register row (or admission) contributes to: year and half, three areas, all and its age group.</summary>
    private static IEnumerable<(int Kind, int Area, AgeGroup Age)> Targets(int half, int regionArea, int municipalityArea, bool child)
    {
        var age = child ? AgeGroup.Children : AgeGroup.Adults;
        foreach (var kind in new[] { 0, half })
        {
            foreach (var area in new[] { 0, regionArea, municipalityArea })
            {
                yield return (kind, area, AgeGroup.All);
                yield return (kind, area, age);
            }
        }
    }

    private async Task CountMeasuresAsync(Areas areas, Cells cells, CancellationToken ct)
    {
        // Collapsed on the database to one row per person and cell, and ordered by person for the stamps.
        var rows = db.RegisterMeasures.AsNoTracking()
            .GroupBy(m => new { m.PersonKey, m.Type, m.Year, m.Half, m.RegionCode, m.MunicipalityCode, m.IsChild })
            .Select(g => new { g.Key.PersonKey, g.Key.Type, g.Key.Year, g.Key.Half, g.Key.RegionCode, g.Key.MunicipalityCode, g.Key.IsChild, Count = g.Count() })
            .OrderBy(r => r.PersonKey)
            .AsAsyncEnumerable();
        string? previous = null;
        var person = -1;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (!string.Equals(row.PersonKey, previous, StringComparison.Ordinal))
            {
                previous = row.PersonKey;
                person++;
            }

            var region = areas.Region(row.RegionCode).Index;
            var municipality = areas.Municipality(row.MunicipalityCode).Index;
            var isTarget = IndicatorCatalog.TargetTypes.Contains(row.Type);
            foreach (var (kind, area, age) in Targets(row.Half, region, municipality, row.IsChild))
            {
                cells.AddEpisodes(new Key((int)row.Type, row.Year, kind, area, age), row.Count, person);
                if (isTarget)
                {
                    cells.AddEpisodes(new Key(TargetGroup, row.Year, kind, area, age), row.Count, person);
                }
            }
        }
    }

    private async Task LoadDurationsAsync(Areas areas, Cells cells, CancellationToken ct)
    {
        var rows = db.RegisterMeasures.AsNoTracking()
            .Where(m => m.Type == RegisterMeasureType.BeltRestraint && m.DurationHours != null)
            .Select(m => new { m.Year, m.Half, m.RegionCode, m.MunicipalityCode, m.IsChild, Hours = m.DurationHours!.Value })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var region = areas.Region(row.RegionCode).Index;
            var municipality = areas.Municipality(row.MunicipalityCode).Index;
            foreach (var (kind, area, age) in Targets(row.Half, region, municipality, row.IsChild))
            {
                cells.AddHours(new Key((int)RegisterMeasureType.BeltRestraint, row.Year, kind, area, age), row.Hours);
            }
        }
    }

    private async Task LoadPopulationAsync(Areas areas, List<int> years, Cells cells, CancellationToken ct)
    {
        // The national method: the 2nd quarter's population of the year, summed over the area and the age group.
        var rows = await db.PopulationCounts.AsNoTracking()
            .Where(p => p.Quarter == 2 && years.Contains(p.Year))
            .GroupBy(p => new { p.Year, p.MunicipalityCode, Child = p.Age < 18 })
            .Select(g => new { g.Key.Year, g.Key.MunicipalityCode, g.Key.Child, Count = g.Sum(p => (long)p.Count) })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            var municipality = areas.Municipality(row.MunicipalityCode);
            var age = row.Child ? AgeGroup.Children : AgeGroup.Adults;
            foreach (var area in new[] { 0, municipality.RegionIndex ?? -1, municipality.Index }.Where(a => a >= 0))
            {
                Add(new PopulationKey(row.Year, area, AgeGroup.All));
                Add(new PopulationKey(row.Year, area, age));
            }

            void Add(PopulationKey key) => cells.AddPopulation(key, row.Count);
        }
    }

    private async Task CountAdmittedAsync(Areas areas, List<int> years, Cells cells, CancellationToken ct)
    {
        if (years.Count == 0)
        {
            return;
        }

        // An admitted patient in a period: a distinct person with an admission overlapping it, aged by the later of the
        // admission's start and the period's start. Only admissions that touch a computed year are read.
        var from = DanishCalendar.ToUtc(new DateTime(years[0], 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var to = DanishCalendar.ToUtc(new DateTime(years[^1] + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var yearSet = years.ToHashSet();
        var rows = db.AdmissionExtractRows.AsNoTracking()
            .Where(a => a.Start < to && (a.End == null || a.End >= from))
            .Select(a => new { a.PersonKey, a.BirthDate, a.RegionCode, a.MunicipalityCode, a.Start, a.End })
            .OrderBy(a => a.PersonKey)
            .AsAsyncEnumerable();
        string? previous = null;
        var person = -1;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (!string.Equals(row.PersonKey, previous, StringComparison.Ordinal))
            {
                previous = row.PersonKey;
                person++;
            }

            var region = areas.Region(row.RegionCode).Index;
            var municipality = areas.Municipality(row.MunicipalityCode).Index;
            var startLocal = DanishCalendar.ToDanishTime(row.Start);
            var endLocal = row.End is { } end ? DanishCalendar.ToDanishTime(end) : DateTime.MaxValue;
            for (var year = Math.Max(startLocal.Year, years[0]); year <= Math.Min(endLocal.Year, years[^1]); year++)
            {
                if (!yearSet.Contains(year))
                {
                    continue;
                }

                foreach (var half in new[] { 1, 2 })
                {
                    var halfStart = new DateTime(year, half == 1 ? 1 : 7, 1, 0, 0, 0, DateTimeKind.Unspecified);
                    var halfEnd = half == 1 ? new DateTime(year, 7, 1, 0, 0, 0, DateTimeKind.Unspecified) : new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
                    if (startLocal >= halfEnd || endLocal < halfStart)
                    {
                        continue;
                    }

                    var ageDay = DateOnly.FromDateTime(startLocal > halfStart ? startLocal : halfStart);
                    var child = IndicatorImport.AgeAt(row.BirthDate, ageDay) < 18;
                    foreach (var (kind, area, age) in Targets(half, region, municipality, child))
                    {
                        cells.AddAdmitted(new Key(TargetGroup, year, kind, area, age), person);
                    }
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

    private readonly record struct ResultKey(string Indicator, string Period, AreaType AreaType, string AreaCode, AgeGroup Age);

    private static ResultKey KeyOf(IndicatorResult r) => new(r.IndicatorId, r.Period, r.AreaType, r.AreaCode, r.AgeGroup);

    private static bool Same(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));

    private static bool SameFigures(IndicatorResult a, IndicatorResult b) =>
        a.Numerator == b.Numerator && a.Denominator == b.Denominator && a.Suppressed == b.Suppressed && a.AreaName == b.AreaName
        && Same(a.Value, b.Value) && Same(a.BaselineValue, b.BaselineValue) && Same(a.BaselineNumerator, b.BaselineNumerator)
        && Same(a.ChangePct, b.ChangePct);

    /// <summary>
    /// Upsert on the unique key in one transaction: changed rows are updated in place, new ones inserted, cells that no
    /// longer exist removed; unchanged rows are not written at all, so a nightly run over unchanged data writes nothing.
    /// </summary>
    private async Task<(int Inserted, int Updated, int Deleted)> UpsertAsync(List<IndicatorResult> results, DateTime computedAt, CancellationToken ct)
    {
        var existing = await db.IndicatorResults.AsNoTracking().ToDictionaryAsync(KeyOf, ct);
        var inserts = new List<IndicatorResult>();
        var updates = new List<IndicatorResult>();
        foreach (var result in results)
        {
            if (existing.Remove(KeyOf(result), out var stored))
            {
                if (!SameFigures(stored, result))
                {
                    result.Id = stored.Id;
                    result.ComputedAt = computedAt;
                    updates.Add(result);
                }
            }
            else
            {
                inserts.Add(result);
            }
        }

        var stale = existing.Values.Select(r => r.Id).ToList();
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
