using System.Globalization;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using CaseHub.Core.Organizations;
using CaseHub.Fhir.Common;
using CaseHub.Fhir.Conformance;
using CaseHub.Fhir.History;
using CaseHub.Fhir.Indicators;
using CaseHub.Web.Access;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace CaseHub.Web.Fhir;

/// <summary>Measure (casehub-indicator): the national and operational indicators; definitions, readable by every signed-in user.</summary>
public sealed class MeasureHandler(ResourceHistory history) : PatientDataHandler(history)
{
    public override FhirResourceDefinition Definition { get; } = new(
        "Measure",
        CaseHubUrls.IndicatorProfile,
        [
            new("_id", SearchParamType.Token, "The indicator id, e.g. coercion-target-episodes; several separated by commas."),
            new("identifier", SearchParamType.Token, "The indicator id, system https://casehub.dk/fhir/sid/indicator."),
            new("url", SearchParamType.Uri, "The Measure's canonical URL, https://casehub.dk/fhir/Measure/{indicator id}."),
            new("_lastUpdated", SearchParamType.Date, "When the definition last changed (meta.lastUpdated), with prefix eq, ge, gt, le or lt."),
        ],
        Documentation: "The national coercion indicators and CaseHub's operational indicators (DOMAIN.md section 5), one Measure per indicator id. "
            + "Their results are casehub-indicator-report MeasureReports.");

    private static IEnumerable<IndicatorDefinition> All => IndicatorCatalog.All.Concat(IndicatorCatalog.Operational);

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct) =>
        All.FirstOrDefault(i => i.Id == id) is { } indicator
            ? await OkAsync(new MappedResource(MeasureMapper.ToMeasure(indicator), null, null), ct)
            : FhirResponse.NotFound("Measure", id);

    protected override Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        var matches = All.AsQueryable();
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = value.Split(',', StringSplitOptions.TrimEntries);
                    matches = matches.Where(i => ids.Contains(i.Id));
                    break;
                case "identifier":
                    var (system, code) = Token(value);
                    matches = matches.Where(i => (system == null || system == CaseHubUrls.IndicatorSystem) && i.Id == code);
                    break;
                case "url":
                    matches = matches.Where(i => CaseHubUrls.Measure(i.Id) == value);
                    break;
            }
        }

        // The catalogue is in memory; PageAsync pages an in-memory query synchronously.
        return PageAsync(matches, search,
            rows => System.Threading.Tasks.Task.FromResult(rows.Select(i => new MappedResource(MeasureMapper.ToMeasure(i), null, null)).ToList()),
            _ => System.Threading.Tasks.Task.CompletedTask, ct);
    }
}

/// <summary>
/// MeasureReport (casehub-indicator-report): computed indicator results for analysts (and administrators), as on the
/// indicator dashboard. Aggregates only; the figures are exact, as staff with access to the data see them, and
/// publication-suppressed marks the cells a published table must show as -1 (the export applies the rules).
/// </summary>
public sealed class MeasureReportHandler(CaseHubDbContext db, PatientGuard guard, ResourceHistory history) : PatientDataHandler(history)
{
    public override FhirResourceDefinition Definition { get; } = new(
        "MeasureReport",
        CaseHubUrls.IndicatorReportProfile,
        [
            new("_id", SearchParamType.Token, "The result's logical id; several separated by commas."),
            new("measure", SearchParamType.Reference, "The indicator: its canonical URL, Measure/{id} or the indicator id."),
            new("period", SearchParamType.Date, "Results whose period (a year or a half-year) overlaps the date, with prefix eq, ge, gt, le or lt."),
            new("date", SearchParamType.Date, "When the result was computed, with prefix eq, ge, gt, le or lt."),
            new("_lastUpdated", SearchParamType.Date, "When the result was last computed, with prefix eq, ge, gt, le or lt."),
        ],
        Documentation: "Indicator results for analysts and administrators only: one MeasureReport per indicator, period, area (indicator-area) and age group "
            + "(indicator-age-group). No patient references. Figures are exact; publication-suppressed is true where the publication rules show -1.");

    private bool MaySee => guard.User.IsInRole(Roles.Analyst) || guard.User.IsInRole(Roles.Administrator);

    private static FhirResponse NotAnalyst() =>
        FhirResponse.Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "MeasureReport", "Indikatorresultater er forbeholdt analytikere.");

    public override async Task<FhirResponse> ReadAsync(string id, CancellationToken ct)
    {
        if (!MaySee)
        {
            return NotAnalyst();
        }

        var result = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var resultId)
            ? await db.IndicatorResults.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resultId, ct)
            : null;
        return result is null ? FhirResponse.NotFound("MeasureReport", id) : await OkAsync(Map(result), ct);
    }

    private static MappedResource Map(IndicatorResult result) => new(MeasureMapper.ToReport(result), null, result.ComputedAt);

    protected override async Task<FhirSearchResult> SearchSupportedAsync(FhirSearch search, CancellationToken ct)
    {
        if (!MaySee)
        {
            return FhirSearchResult.Fail(NotAnalyst());
        }

        var query = db.IndicatorResults.AsNoTracking();
        foreach (var (name, value) in search.Parameters)
        {
            switch (name)
            {
                case "_id":
                    var ids = value.Split(',', StringSplitOptions.TrimEntries)
                        .Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
                    query = query.Where(r => ids.Contains(r.Id));
                    break;
                case "measure":
                    var indicator = value.StartsWith(CaseHubUrls.Base + "/Measure/", StringComparison.Ordinal) ? value[(CaseHubUrls.Base.Length + 9)..]
                        : value.StartsWith("Measure/", StringComparison.Ordinal) ? value[8..] : value;
                    query = query.Where(r => r.IndicatorId == indicator);
                    break;
                case "period":
                    if (DateParameter(value) is not { } range)
                    {
                        return BadDate("period", value);
                    }

                    // Periods are few: decide in memory which overlap, then filter on them.
                    var periods = await db.IndicatorResults.Select(r => r.Period).Distinct().ToListAsync(ct);
                    var matching = periods.Where(p => Overlaps(p, range)).ToList();
                    query = query.Where(r => matching.Contains(r.Period));
                    break;
                case "date":
                    if (DateParameter(value) is not { } computed)
                    {
                        return BadDate("date", value);
                    }

                    var (prefix, low, high) = computed;
                    query = prefix switch
                    {
                        "eq" => query.Where(r => r.ComputedAt >= low && r.ComputedAt < high),
                        "ge" => query.Where(r => r.ComputedAt >= low),
                        "gt" => query.Where(r => r.ComputedAt >= high),
                        "le" => query.Where(r => r.ComputedAt < high),
                        _ => query.Where(r => r.ComputedAt < low),
                    };
                    break;
            }
        }

        var ordered = query.OrderBy(r => r.IndicatorId).ThenBy(r => r.Period).ThenBy(r => r.AreaType).ThenBy(r => r.AreaCode).ThenBy(r => r.AgeGroup).ThenBy(r => r.Id);
        return await PageAsync(ordered, search, rows => System.Threading.Tasks.Task.FromResult(rows.Select(Map).ToList()),
            _ => System.Threading.Tasks.Task.CompletedTask, ct);
    }

    /// <summary>Whether a period (<c>2024</c>, <c>2024H2</c>) in Danish days overlaps what the date parameter stands for.</summary>
    private static bool Overlaps(string period, (string Prefix, DateTime Low, DateTime High) range)
    {
        if (period.Length < 4 || !int.TryParse(period[..4], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        var dates = MeasureMapper.Period(period);
        var start = Core.Calendar.DanishCalendar.ToUtc(DateOnly.ParseExact(dates.Start!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue));
        var end = Core.Calendar.DanishCalendar.ToUtc(DateOnly.ParseExact(dates.End!, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1).ToDateTime(TimeOnly.MinValue));
        return range.Prefix switch
        {
            "eq" => start < range.High && end > range.Low,
            "ge" => end > range.Low,
            "gt" => end > range.High,
            "le" => start < range.High,
            _ => start < range.Low,
        };
    }
}
