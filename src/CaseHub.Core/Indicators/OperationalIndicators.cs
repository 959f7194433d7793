using CaseHub.Core.Admissions;
using CaseHub.Core.Agreements;
using CaseHub.Core.Calendar;
using CaseHub.Core.Data;
using CaseHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Core.Indicators;

/// <summary>
/// The operational indicators (DOMAIN.md section 5) from CaseHub's own data, as <see cref="IndicatorResult"/> rows in
/// the national shape, so they share the upsert, the export and the publication rules. Each query projects only the
/// few columns needed (the volumes are a region's patients, not a national register), and the roll-up into periods,
/// areas and age groups happens in memory. The mapping of a record to a period, an area and an age group is described
/// in docs/operational-indicators.md.
/// </summary>
internal sealed class OperationalIndicators(CaseHubDbContext db, TimeProvider clock)
{
    private static readonly AgeGroup[] Ages = [AgeGroup.All, AgeGroup.Adults, AgeGroup.Children];

    /// <summary>One record's contribution: to the year and (when Kind is null) its half, or only to the given kind.</summary>
    private readonly record struct Observation(string Indicator, int Year, int Half, int? OnlyKind, Guid? AreaOrganization, bool Child, int Numerator, int Denominator, double? Sample);

    private sealed class Cell
    {
        public long Numerator;
        public long Denominator;
        public List<double> Samples { get; } = [];
    }

    private readonly record struct CellKey(string Indicator, string Period, AreaType AreaType, string AreaCode, AgeGroup Age);

    private sealed record Org(Guid Id, OrganizationKind Kind, string Code, string Name, Guid? ParentId);

    private Dictionary<Guid, Org> organizations = [];

    public async Task<List<IndicatorResult>> ComputeAsync(DateTime computedAt, CancellationToken ct)
    {
        organizations = await db.Organizations.AsNoTracking()
            .Select(o => new Org(o.Id, o.Kind, o.Code, o.Name, o.ParentId))
            .ToDictionaryAsync(o => o.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DanishCalendar.Today(clock);

        var observations = new List<Observation>();
        await ActivationsAsync(observations, ct);
        var withPlan = await AcceptedByAdmissionAsync(ct);
        await DischargesAsync(observations, withPlan, now, ct);
        await ResponseTimesAsync(observations, ct);
        await MeetingsAsync(observations, today, ct);

        // Snapshots need the periods first: every year with a flow observation, a flag or a task, up to this year.
        var years = observations.Select(o => o.Year).ToHashSet();
        await SnapshotsAsync(observations, years, now, today, ct);
        if (observations.Count == 0)
        {
            return [];
        }

        var cells = new Dictionary<CellKey, Cell>();
        var areasSeen = new HashSet<(AreaType, string)>();
        foreach (var o in observations)
        {
            foreach (var kind in o.OnlyKind is { } only ? new[] { only } : new[] { 0, o.Half })
            {
                foreach (var (type, code) in AreasOf(o.AreaOrganization))
                {
                    areasSeen.Add((type, code));
                    foreach (var age in new[] { AgeGroup.All, o.Child ? AgeGroup.Children : AgeGroup.Adults })
                    {
                        var key = new CellKey(o.Indicator, PeriodName(o.Year, kind), type, code, age);
                        if (!cells.TryGetValue(key, out var cell))
                        {
                            cells[key] = cell = new Cell();
                        }

                        cell.Numerator += o.Numerator;
                        cell.Denominator += o.Denominator;
                        if (o.Sample is { } s)
                        {
                            cell.Samples.Add(s);
                        }
                    }
                }
            }
        }

        var population = await PopulationAsync(years, ct);
        var names = organizations.Values
            .Where(o => o.Kind is OrganizationKind.Region or OrganizationKind.Municipality)
            .GroupBy(o => (o.Kind == OrganizationKind.Region ? AreaType.Region : AreaType.Municipality, o.Code))
            .ToDictionary(g => g.Key, g => g.First().Name);
        var results = new List<IndicatorResult>();
        foreach (var definition in IndicatorCatalog.Operational)
        {
            foreach (var (areaType, areaCode) in areasSeen.OrderBy(a => a.Item1).ThenBy(a => a.Item2, StringComparer.Ordinal))
            {
                foreach (var age in Ages)
                {
                    foreach (var year in years.Order())
                    {
                        foreach (var kind in (ReadOnlySpan<int>)[0, 1, 2])
                        {
                            var period = PeriodName(year, kind);
                            var cell = cells.GetValueOrDefault(new CellKey(definition.Id, period, areaType, areaCode, age)) ?? new Cell();
                            results.Add(Result(definition, period, areaType, areaCode, age, cell,
                                population.GetValueOrDefault((year, areaType, areaCode, age)), names, computedAt));
                        }
                    }
                }
            }
        }

        return results;
    }

    private static IndicatorResult Result(IndicatorDefinition definition, string period, AreaType areaType, string areaCode, AgeGroup age, Cell cell,
        long population, Dictionary<(AreaType, string), string> names, DateTime computedAt)
    {
        long? denominator;
        double? value;
        switch (definition.Kind)
        {
            case IndicatorKind.Share:
                denominator = cell.Denominator;
                value = cell.Denominator > 0 ? cell.Numerator * 100.0 / cell.Denominator : null;
                break;
            case IndicatorKind.MedianWorkingDays:
                denominator = null;
                value = Median(cell.Samples);
                break;
            case IndicatorKind.Count:
                denominator = null;
                value = cell.Numerator;
                break;
            default:
                // Without an imported population for the year the count is still stored, with no rate.
                denominator = population > 0 ? population : null;
                value = population > 0 ? cell.Numerator * 100_000.0 / population : null;
                break;
        }

        return new IndicatorResult
        {
            IndicatorId = definition.Id,
            Period = period,
            AreaType = areaType,
            AreaCode = areaCode,
            AreaName = areaType == AreaType.Nation ? "Hele landet" : names.GetValueOrDefault((areaType, areaCode)) ?? areaCode,
            AgeGroup = age,
            Numerator = cell.Numerator,
            Denominator = denominator,
            Value = value,
            Suppressed = Publication.IsSmall(cell.Numerator) || (definition.Kind == IndicatorKind.Share && Publication.IsSmall(cell.Denominator)),
            ComputedAt = computedAt,
        };
    }

    internal static double? Median(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var sorted = samples.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string PeriodName(int year, int kind) => kind == 0 ? $"{year}" : $"{year}H{kind}";

    private static (int Year, int Half) PeriodOf(DateOnly day) => (day.Year, day.Month <= 6 ? 1 : 2);

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(DanishCalendar.ToDanishTime(utc));

    private static bool IsChild(DateOnly birth, DateOnly on) => IndicatorImport.AgeAt(birth, on) < 18;

    /// <summary>
    /// The nation plus the municipality and region an organization belongs to: a municipality and its region; a
    /// region; any other unit by walking up its parents to the first municipality or region.
    /// </summary>
    private IEnumerable<(AreaType Type, string Code)> AreasOf(Guid? organizationId)
    {
        yield return (AreaType.Nation, IndicatorCatalog.NationCode);
        var current = organizationId is { } id ? organizations.GetValueOrDefault(id) : null;
        for (var depth = 0; current is not null && depth < 10; depth++)
        {
            if (current.Kind == OrganizationKind.Municipality)
            {
                yield return (AreaType.Municipality, current.Code);
            }
            else if (current.Kind == OrganizationKind.Region)
            {
                yield return (AreaType.Region, current.Code);
                yield break;
            }

            current = current.ParentId is { } parent ? organizations.GetValueOrDefault(parent) : null;
        }
    }

    /// <summary>Documents activated (the event to Active) in the period, by the patient's municipality of residence.</summary>
    private async Task ActivationsAsync(List<Observation> observations, CancellationToken ct)
    {
        var rows = await (
                from e in db.DocumentEvents
                where e.ToStatus == DocumentStatus.Active
                join d in db.CareDocuments on e.DocumentId equals d.Id
                where d.Status != DocumentStatus.EnteredInError
                join p in db.Patients on d.PatientId equals p.Id
                select new { e.At, d.Kind, p.BirthDate, p.MunicipalityId })
            .AsNoTracking().ToListAsync(ct);
        foreach (var row in rows)
        {
            var day = Day(row.At);
            var (year, half) = PeriodOf(day);
            var id = row.Kind == DocumentKind.DischargeAgreement ? OperationalIds.DischargeAgreements : OperationalIds.CoordinationPlans;
            observations.Add(new Observation(id, year, half, null, row.MunicipalityId, IsChild(row.BirthDate, day), 1, 0, null));
        }
    }

    /// <summary>The first acceptance (or activation) of a valid agreement or plan per admission, as a Danish date.</summary>
    private async Task<Dictionary<Guid, DateOnly>> AcceptedByAdmissionAsync(CancellationToken ct)
    {
        var rows = await (
                from e in db.DocumentEvents
                where e.ToStatus == DocumentStatus.Accepted || e.ToStatus == DocumentStatus.Active
                join d in db.CareDocuments on e.DocumentId equals d.Id
                where d.Status != DocumentStatus.EnteredInError
                group e by d.AdmissionId into g
                select new { AdmissionId = g.Key, First = g.Min(e => e.At) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.AdmissionId, r => Day(r.First));
    }

    /// <summary>
    /// Target-group discharges in the period (by discharge date, patient's residence): with a plan accepted on or
    /// before the discharge date, and readmitted within 30 days (only once those 30 days have passed).
    /// </summary>
    private async Task DischargesAsync(List<Observation> observations, Dictionary<Guid, DateOnly> accepted, DateTime now, CancellationToken ct)
    {
        var discharges = await db.Admissions.AsNoTracking()
            .Where(Admission.InTargetGroupQuery)
            .Where(a => a.End != null)
            .Select(a => new { a.Id, a.PatientId, End = a.End!.Value, a.Patient!.BirthDate, a.Patient.MunicipalityId })
            .ToListAsync(ct);
        var patients = discharges.Select(d => d.PatientId).Distinct().ToList();
        var starts = new List<(Guid PatientId, Guid Id, DateTime Start)>();
        foreach (var chunk in patients.Chunk(500))
        {
            starts.AddRange((await db.Admissions.AsNoTracking().Where(a => chunk.Contains(a.PatientId))
                .Select(a => new { a.PatientId, a.Id, a.Start }).ToListAsync(ct)).Select(a => (a.PatientId, a.Id, a.Start)));
        }

        var startsByPatient = starts.ToLookup(s => s.PatientId);
        foreach (var d in discharges)
        {
            var day = Day(d.End);
            var (year, half) = PeriodOf(day);
            var child = IsChild(d.BirthDate, day);
            var hasPlan = accepted.TryGetValue(d.Id, out var acceptedOn) && acceptedOn <= day;
            observations.Add(new Observation(OperationalIds.PlanBeforeDischarge, year, half, null, d.MunicipalityId, child, hasPlan ? 1 : 0, 1, null));

            if (d.End.AddDays(30) > now)
            {
                continue;
            }

            var readmitted = startsByPatient[d.PatientId].Any(s => s.Id != d.Id && s.Start > d.End && s.Start <= d.End.AddDays(30)) ? 1 : 0;
            observations.Add(new Observation(OperationalIds.Readmission, year, half, null, d.MunicipalityId, child, readmitted, 1, null));
            observations.Add(new Observation(hasPlan ? OperationalIds.ReadmissionWithPlan : OperationalIds.ReadmissionWithoutPlan,
                year, half, null, d.MunicipalityId, child, readmitted, 1, null));
        }
    }

    /// <summary>Working days from the sending to the acceptance that followed it, by the receiving municipality, in the period of the acceptance.</summary>
    private async Task ResponseTimesAsync(List<Observation> observations, CancellationToken ct)
    {
        var rows = await (
                from e in db.DocumentEvents
                where e.ToStatus == DocumentStatus.Sent || e.ToStatus == DocumentStatus.Accepted
                join d in db.CareDocuments on e.DocumentId equals d.Id
                where d.Status != DocumentStatus.EnteredInError
                join p in db.Patients on d.PatientId equals p.Id
                select new { e.DocumentId, e.At, e.ToStatus, d.ReceivingMunicipalityId, p.BirthDate })
            .AsNoTracking().ToListAsync(ct);
        foreach (var document in rows.GroupBy(r => r.DocumentId))
        {
            var events = document.OrderBy(r => r.At).ToList();
            DateTime? sent = null;
            foreach (var e in events)
            {
                if (e.ToStatus == DocumentStatus.Sent)
                {
                    sent = e.At;
                }
                else if (sent is { } from)
                {
                    var day = Day(e.At);
                    var (year, half) = PeriodOf(day);
                    var days = DanishCalendar.WorkingDaysBetween(Day(from), day);
                    observations.Add(new Observation(OperationalIds.MunicipalResponse, year, half, null, e.ReceivingMunicipalityId, IsChild(e.BirthDate, day), 1, 0, days));
                    sent = null;
                }
            }
        }
    }

    /// <summary>
    /// Meetings requested at discharge, in the period of their due date, by the patient's residence: held on or before
    /// the due date out of all whose due date has passed (or that were held already).
    /// </summary>
    private async Task MeetingsAsync(List<Observation> observations, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Meetings.AsNoTracking()
            .Where(m => m.RequestedAtDischarge && m.DueDate != null)
            .Select(m => new { DueDate = m.DueDate!.Value, m.HeldAt, m.Patient!.BirthDate, m.Patient.MunicipalityId })
            .ToListAsync(ct);
        foreach (var m in rows)
        {
            var held = m.HeldAt is { } at ? Day(at) : (DateOnly?)null;
            if (held is null && m.DueDate >= today)
            {
                continue;
            }

            var (year, half) = PeriodOf(m.DueDate);
            var inTime = held is { } h && h <= m.DueDate ? 1 : 0;
            observations.Add(new Observation(OperationalIds.NetworkMeetingInTime, year, half, null, m.MunicipalityId, IsChild(m.BirthDate, m.DueDate), inTime, 1, null));
        }
    }

    /// <summary>
    /// Open flags and overdue follow-up tasks as a snapshot at the end of each period (or now, for the running one),
    /// by the owning organization's municipality and region.
    /// </summary>
    private async Task SnapshotsAsync(List<Observation> observations, HashSet<int> years, DateTime now, DateOnly today, CancellationToken ct)
    {
        var flags = await db.Flags.AsNoTracking()
            .Select(f => new { f.OwnerOrganizationId, f.RaisedAt, f.ResolvedAt, f.Patient!.BirthDate })
            .ToListAsync(ct);
        var tasks = await db.FollowUpTasks.AsNoTracking()
            .Select(t => new { t.OwnerOrganizationId, t.CreatedAt, t.DueDate, t.CompletedAt, t.Patient!.BirthDate })
            .ToListAsync(ct);
        foreach (var year in flags.Select(f => Day(f.RaisedAt).Year).Concat(tasks.Select(t => Day(t.CreatedAt).Year)))
        {
            years.Add(year);
        }

        foreach (var year in years.Where(y => y <= today.Year).ToList())
        {
            foreach (var kind in new[] { 0, 1, 2 })
            {
                var start = new DateOnly(year, kind == 2 ? 7 : 1, 1);
                if (start > today)
                {
                    continue;
                }

                var endDay = kind == 1 ? new DateOnly(year, 6, 30) : new DateOnly(year, 12, 31);
                var day = endDay < today ? endDay : today;
                var at = endDay < today ? DanishCalendar.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) : now;
                foreach (var f in flags.Where(f => f.RaisedAt < at && (f.ResolvedAt is null || f.ResolvedAt >= at)))
                {
                    observations.Add(new Observation(OperationalIds.OpenFlags, year, kind, kind, f.OwnerOrganizationId, IsChild(f.BirthDate, day), 1, 0, null));
                }

                foreach (var t in tasks.Where(t => t.CreatedAt < at && t.DueDate < day && (t.CompletedAt is null || t.CompletedAt >= at)))
                {
                    observations.Add(new Observation(OperationalIds.OverdueFollowUps, year, kind, kind, t.OwnerOrganizationId, IsChild(t.BirthDate, day), 1, 0, null));
                }
            }
        }
    }

    /// <summary>The 2nd quarter's population per year, area and age group, summed like the national part.</summary>
    private async Task<Dictionary<(int Year, AreaType Type, string Code, AgeGroup Age), long>> PopulationAsync(HashSet<int> years, CancellationToken ct)
    {
        var list = years.ToList();
        var rows = await db.PopulationCounts.AsNoTracking()
            .Where(p => p.Quarter == 2 && list.Contains(p.Year))
            .GroupBy(p => new { p.Year, p.MunicipalityCode, Child = p.Age < 18 })
            .Select(g => new { g.Key.Year, g.Key.MunicipalityCode, g.Key.Child, Count = g.Sum(p => (long)p.Count) })
            .ToListAsync(ct);
        var municipalities = organizations.Values.Where(o => o.Kind == OrganizationKind.Municipality)
            .GroupBy(o => o.Code).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var result = new Dictionary<(int, AreaType, string, AgeGroup), long>();
        foreach (var row in rows)
        {
            var areas = municipalities.TryGetValue(row.MunicipalityCode, out var id)
                ? AreasOf(id).ToList()
                : [(AreaType.Nation, IndicatorCatalog.NationCode), (AreaType.Municipality, row.MunicipalityCode)];
            foreach (var (type, code) in areas)
            {
                foreach (var age in new[] { AgeGroup.All, row.Child ? AgeGroup.Children : AgeGroup.Adults })
                {
                    var key = (row.Year, type, code, age);
                    result[key] = result.GetValueOrDefault(key) + row.Count;
                }
            }
        }

        return result;
    }
}
