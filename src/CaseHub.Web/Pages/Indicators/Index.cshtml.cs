using System.Text;
using CaseHub.Core.Data;
using CaseHub.Core.Indicators;
using CaseHub.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaseHub.Web.Pages.Indicators;

/// <summary>
/// The national coercion indicators for analysts: the target's trend against the 2021-2023 baseline and the 30 % and
/// 40 % target lines, regions, adults and children, each form of coercion, agreements and plans, and the CSV export.
/// Aggregates only: nothing here reaches a person.
/// </summary>
[Authorize(Policy = AuthenticationSetup.AnalystPolicy)]
public class IndexModel(CaseHubDbContext db, IndicatorExport export) : PageModel
{
    private Dictionary<(string Indicator, string Period, string Area, AgeGroup Age), IndicatorResult> cells = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Regions { get; private set; } = [];

    public int LatestYear => Years.Count > 0 ? Years[^1] : 0;

    public DateTime? ComputedAt { get; private set; }

    /// <summary>The forms of coercion and the other register measures, as shown side by side.</summary>
    public static readonly IReadOnlyList<string> CoercionTypes =
        ["belt-restraint-episodes", "physical-holding-episodes", "forced-sedation-episodes", "compulsory-admissions", "compulsory-detentions"];

    public static readonly IReadOnlyList<string> Documents = ["register-discharge-agreements", "register-coordination-plans"];

    public async Task OnGetAsync()
    {
        // Whole years for the nation and the regions are all the dashboard shows; municipalities are in the export.
        var operationalIds = IndicatorCatalog.Operational.Select(i => i.Id).ToList();
        var rows = await db.IndicatorResults.AsNoTracking()
            .Where(r => r.AreaType != AreaType.Municipality && !r.Period.Contains('H') && !operationalIds.Contains(r.IndicatorId))
            .ToListAsync(HttpContext.RequestAborted);
        await LoadOperationalAsync(operationalIds);
        cells = rows.ToDictionary(r => (r.IndicatorId, r.Period, r.AreaCode, r.AgeGroup));
        Years = rows.Select(r => int.Parse(r.Period, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        Regions = rows.Where(r => r.AreaType == AreaType.Region).Select(r => (r.AreaCode, r.AreaName)).Distinct().OrderBy(r => r.AreaCode, StringComparer.Ordinal).ToList();
        ComputedAt = rows.Count > 0 ? rows.Max(r => r.ComputedAt) : null;
    }

    /// <summary>The area of the user's own organization the operational table shows (the nation when it has none).</summary>
    public (AreaType Type, string Code, string Name) OwnArea { get; private set; } = (AreaType.Nation, IndicatorCatalog.NationCode, "Hele landet");

    /// <summary>The operational periods shown: the latest whole year and half-years with results, oldest first.</summary>
    public IReadOnlyList<string> OperationalPeriods { get; private set; } = [];

    private Dictionary<(string Indicator, string Period), IndicatorResult> operational = [];

    /// <summary>
    /// The user's organization as an indicator area: a municipality or region itself; any other unit through its
    /// parents (a ward's region, a municipal unit's municipality), as the computation maps owners.
    /// </summary>
    private async Task LoadOperationalAsync(List<string> operationalIds)
    {
        var ct = HttpContext.RequestAborted;
        var organizationId = User.ToCurrentUser()?.OrganizationId;
        for (var depth = 0; organizationId is { } id && depth < 10; depth++)
        {
            var org = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Kind, o.Code, o.Name, o.ParentId }).SingleOrDefaultAsync(ct);
            if (org is null)
            {
                break;
            }

            if (org.Kind is Core.Organizations.OrganizationKind.Region or Core.Organizations.OrganizationKind.Municipality)
            {
                OwnArea = (org.Kind == Core.Organizations.OrganizationKind.Region ? AreaType.Region : AreaType.Municipality, org.Code, org.Name);
                break;
            }

            organizationId = org.ParentId;
        }

        var (type, code, _) = OwnArea;
        var rows = await db.IndicatorResults.AsNoTracking()
            .Where(r => operationalIds.Contains(r.IndicatorId) && r.AreaType == type && r.AreaCode == code && r.AgeGroup == AgeGroup.All)
            .ToListAsync(ct);
        operational = rows.ToDictionary(r => (r.IndicatorId, r.Period));
        // Chronological, each year's halves before the whole year (2025H1, 2025H2, 2025), the latest five.
        var chronological = rows.Select(r => r.Period).Distinct()
            .OrderBy(p => p[..4], StringComparer.Ordinal).ThenBy(p => p.Length == 4 ? "H9" : p[4..], StringComparer.Ordinal).ToList();
        OperationalPeriods = chronological.Skip(Math.Max(0, chronological.Count - 5)).ToList();
    }

    public IndicatorResult? Operational(string indicator, string period) => operational.GetValueOrDefault((indicator, period));

    /// <summary>A period as the dashboard says it: 2025, or 1. halvår 2025.</summary>
    public static string PeriodText(string period) => period.Length == 4 ? period : $"{period[5]}. halvår {period[..4]}";

    /// <summary>An operational figure with its unit, and what it rests on.</summary>
    public static string OperationalText(IndicatorResult? r)
    {
        if (r is null)
        {
            return "–";
        }

        var culture = Localization.DanishCulture.Instance;
        return IndicatorCatalog.Get(r.IndicatorId).Kind switch
        {
            IndicatorKind.Share => r.Value is { } v ? $"{v.ToString("N1", culture)} % ({Count(r.Numerator)} af {Count(r.Denominator)})" : $"– (0 af {Count(r.Denominator)})",
            IndicatorKind.MedianWorkingDays => r.Value is { } v ? $"{v.ToString("0.#", culture)} arbejdsdage ({Count(r.Numerator)} dokumenter)" : "–",
            IndicatorKind.Count => Count(r.Numerator),
            _ => r.Value is { } v ? $"{Count(r.Numerator)} ({v.ToString("N1", culture)} pr. 100.000)" : $"{Count(r.Numerator)} (intet befolkningstal)",
        };
    }

    /// <summary>The results as CSV: exact, or with the publication rules applied.</summary>
    public async Task<IActionResult> OnGetExportAsync(bool published)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{(published ? "indikatorer-offentliggoerelse.csv" : "indikatorer-eksakte.csv")}\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await export.WriteAsync(writer, published, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    public IndicatorResult? Cell(string indicator, int year, string area = IndicatorCatalog.NationCode, AgeGroup age = AgeGroup.All) =>
        cells.GetValueOrDefault((indicator, year.ToString(System.Globalization.CultureInfo.InvariantCulture), area, age));

    public static string Name(string indicator) => IndicatorCatalog.Get(indicator).Name;

    public static string Count(long? value) => value is { } v ? v.ToString("N0", Localization.DanishCulture.Instance) : "–";

    public static string Number(double? value) => SvgChart.Number(value);

    public static string Percent(double? value) => value is { } v ? (v > 0 ? "+" : string.Empty) + v.ToString("N1", Localization.DanishCulture.Instance) + " %" : "–";

    private List<string> YearLabels => Years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private ChartSeries Series(string name, string indicator, string area = IndicatorCatalog.NationCode, AgeGroup age = AgeGroup.All) =>
        new(name, Years.Select(y => Cell(indicator, y, area, age)?.Value).ToList());

    public IHtmlContent TargetChart()
    {
        var baseline = Cell(IndicatorCatalog.TargetEpisodes, LatestYear)?.BaselineValue;
        var lines = baseline is { } b
            ? new List<ChartLine>
            {
                new("Baseline 2021-2023", b, "ref-baseline"),
                new("Mål: 30 % færre", b * 0.70, "ref-target30"),
                new("Mål: 40 % færre", b * 0.60, "ref-target40"),
            }
            : [];
        return SvgChart.Line("chart-target", "Episoder med bæltefiksering, fastholdelse og akut beroligende medicin pr. 100.000 borgere",
            "Udviklingen år for år for hele landet sammenlignet med baseline 2021-2023 og målene om 30 % og 40 % færre episoder. Tallene står i tabellen under figuren.",
            IndicatorCatalog.PerHundredThousand, YearLabels, [Series("Hele landet", IndicatorCatalog.TargetEpisodes)], lines);
    }

    public IHtmlContent RegionChart() =>
        SvgChart.Bars("chart-regions", $"Episoder pr. 100.000 borgere i regionerne, {LatestYear} og baseline",
            "Regionerne side om side: episoder med bæltefiksering, fastholdelse og akut beroligende medicin pr. 100.000 borgere i det seneste år og i baseline 2021-2023. Tallene står i tabellen under figuren.",
            IndicatorCatalog.PerHundredThousand, Regions.Select(r => r.Name.Replace("Region ", string.Empty, StringComparison.Ordinal)).ToList(),
            [
                new ChartSeries(LatestYear.ToString(System.Globalization.CultureInfo.InvariantCulture), Regions.Select(r => Cell(IndicatorCatalog.TargetEpisodes, LatestYear, r.Code)?.Value).ToList()),
                new ChartSeries("Baseline 2021-2023", Regions.Select(r => Cell(IndicatorCatalog.TargetEpisodes, LatestYear, r.Code)?.BaselineValue).ToList()),
            ]);

    public IHtmlContent AgeChart() =>
        SvgChart.Line("chart-ages", "Episoder pr. 100.000 borgere for voksne og for børn og unge",
            "Voksne (18 år og derover) og børn og unge (0-17 år) år for år, pr. 100.000 borgere i samme aldersgruppe. Tallene står i tabellen under figuren.",
            IndicatorCatalog.PerHundredThousand, YearLabels,
            [Series("Voksne", IndicatorCatalog.TargetEpisodes, age: AgeGroup.Adults), Series("Børn og unge", IndicatorCatalog.TargetEpisodes, age: AgeGroup.Children)]);

    public IHtmlContent TypesChart() =>
        SvgChart.Line("chart-types", "Tvangsformer pr. 100.000 borgere",
            "Hver tvangsform år for år for hele landet. Tallene står i tabellen under figuren.",
            IndicatorCatalog.PerHundredThousand, YearLabels, CoercionTypes.Select(t => Series(Name(t), t)).ToList());

    public IHtmlContent DocumentsChart() =>
        SvgChart.Line("chart-documents", "Udskrivningsaftaler og koordinationsplaner pr. 100.000 borgere",
            "Registrerede udskrivningsaftaler og koordinationsplaner år for år for hele landet. Tallene står i tabellen under figuren.",
            IndicatorCatalog.PerHundredThousand, YearLabels, Documents.Select(t => Series(Name(t), t)).ToList());

    /// <summary>The operational shares (per cent) period by period for the user's own area; the table below keeps every figure.</summary>
    public IHtmlContent OperationalShareChart() =>
        SvgChart.Bars("chart-operational-shares", $"Andele i procent, {OwnArea.Name}",
            "Andelen af udskrivninger med aftale eller plan i tide, netværksmøder holdt i tide og genindlæggelser inden for 30 dage, periode for periode. Tallene står i tabellen under figuren.",
            "%", OperationalPeriods.Select(PeriodText).ToList(),
            IndicatorCatalog.Operational.Where(i => i.Kind == IndicatorKind.Share)
                .Select(i => new ChartSeries(i.Name, OperationalPeriods.Select(p => Operational(i.Id, p)?.Value).ToList())).ToList());

    /// <summary>Open flags and overdue follow-up tasks at the end of each period: the work left undone.</summary>
    public IHtmlContent OperationalWorkChart() =>
        SvgChart.Bars("chart-operational-work", $"Åbne flag og overskredne opfølgningsopgaver, {OwnArea.Name}",
            "Antal åbne flag og overskredne opfølgningsopgaver ved hver periodes slutning. Tallene står i tabellen under figuren.",
            "antal", OperationalPeriods.Select(PeriodText).ToList(),
            IndicatorCatalog.Operational.Where(i => i.Kind == IndicatorKind.Count)
                .Select(i => new ChartSeries(i.Name, OperationalPeriods.Select(p => Operational(i.Id, p) is { } r ? (double?)r.Numerator : null).ToList())).ToList());
}
