using System.Globalization;
using CaseHub.Core.Indicators;
using CaseHub.Fhir.Common;
using Hl7.Fhir.Model;

namespace CaseHub.Fhir.Indicators;

/// <summary>
/// Indicators -> casehub-indicator (Measure, one per indicator id) and computed results -> casehub-indicator-report
/// (MeasureReport, one per indicator, period, area and age group). Reports are aggregates: no subject, no evaluated
/// resources, nothing that reaches a person.
/// </summary>
public static class MeasureMapper
{
    private const string PopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";

    public static Measure ToMeasure(IndicatorDefinition indicator)
    {
        var national = !IndicatorCatalog.IsOperational(indicator.Id);
        return new Measure
        {
            Id = indicator.Id,
            Meta = new Meta { Profile = [CaseHubUrls.IndicatorProfile] },
            Url = CaseHubUrls.Measure(indicator.Id),
            Identifier = [new Identifier(CaseHubUrls.IndicatorSystem, indicator.Id)],
            Name = string.Concat(indicator.Id.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
            Title = indicator.Name,
            Status = PublicationStatus.Active,
            Publisher = "CaseHub",
            Description = new Markdown(national
                ? $"National tvangsmonitorering fra registerudtræk; enhed: {indicator.Unit}. Beregning: DOMAIN.md afsnit 5."
                : $"Driftsindikator fra CaseHubs egne data; enhed: {indicator.Unit}. Beregning: docs/operational-indicators.md."),
            Scoring = new CodeableConcept("http://terminology.hl7.org/CodeSystem/measure-scoring", Scoring(indicator.Kind)),
            ImprovementNotation = indicator.Id.StartsWith("coercion-target", StringComparison.Ordinal)
                ? new CodeableConcept("http://terminology.hl7.org/CodeSystem/measure-improvement-notation", "decrease", "Decreased score indicates improvement", null)
                : null,
            Group =
            [
                new Measure.GroupComponent
                {
                    Population =
                    [
                        new Measure.PopulationComponent { Code = new CodeableConcept(PopulationSystem, "numerator"), Description = "Tælleren (episoder, personer eller antal).", Criteria = Criteria("Numerator", national) },
                        new Measure.PopulationComponent { Code = new CodeableConcept(PopulationSystem, "denominator"), Description = "Nævneren (befolkning 2. kvartal, indlagte patienter eller antal), hvor den findes.", Criteria = Criteria("Denominator", national) },
                    ],
                },
            ],
        };
    }

    /// <summary>
    /// The computation is CaseHub's code, described in prose; R4 requires a criteria whose language is one of three
    /// codes, so it names the population the way CQF measures do (a CQL definition name) and says in its description
    /// where the definition is written.
    /// </summary>
    private static Expression Criteria(string population, bool national) => new()
    {
        Language = "text/cql",
        Expression_ = population,
        Description = national ? "Beregnes af CaseHub efter DOMAIN.md afsnit 5 (national tvangsmonitorering)" : "Beregnes af CaseHub efter docs/operational-indicators.md",
    };

    private static string Scoring(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Share => "proportion",
        IndicatorKind.Episodes or IndicatorKind.Persons or IndicatorKind.PerAdmittedPatient => "ratio",
        IndicatorKind.Count => "cohort",
        _ => "continuous-variable",
    };

    public static MeasureReport ToReport(IndicatorResult result)
    {
        var indicator = IndicatorCatalog.Get(result.IndicatorId);
        var report = new MeasureReport
        {
            Id = result.Id.ToString(CultureInfo.InvariantCulture),
            Meta = new Meta { Profile = [CaseHubUrls.IndicatorReportProfile] },
            Extension =
            [
                new Extension(CaseHubUrls.IndicatorAreaExtension, Area(result)),
                new Extension(CaseHubUrls.IndicatorAgeGroupExtension, new Coding(CaseHubUrls.AgeGroupSystem, result.AgeGroup.Code(), result.AgeGroup.Danish())),
                new Extension(CaseHubUrls.PublicationSuppressedExtension, new FhirBoolean(result.Suppressed)),
            ],
            Status = MeasureReport.MeasureReportStatus.Complete,
            Type = MeasureReport.MeasureReportType.Summary,
            Measure = CaseHubUrls.Measure(result.IndicatorId),
            DateElement = FhirTime.DateTime(result.ComputedAt),
            Period = Period(result.Period),
        };
        var group = new MeasureReport.GroupComponent();
        group.Population.Add(new MeasureReport.PopulationComponent { Code = new CodeableConcept(PopulationSystem, "numerator"), Count = checked((int)result.Numerator) });
        if (result.Denominator is { } denominator)
        {
            group.Population.Add(new MeasureReport.PopulationComponent { Code = new CodeableConcept(PopulationSystem, "denominator"), Count = checked((int)denominator) });
        }

        if (result.Value is { } value)
        {
            group.MeasureScore = new Quantity { Value = (decimal)Math.Round(value, 6), Unit = indicator.Unit };
        }

        report.Group.Add(group);
        return report;
    }

    /// <summary>The period of <c>2024</c> or <c>2024H1</c> as dates (Danish calendar days).</summary>
    public static Period Period(string period)
    {
        var year = int.Parse(period[..4], CultureInfo.InvariantCulture);
        var (from, to) = period.Length == 6
            ? (period[5] == '1' ? (new DateOnly(year, 1, 1), new DateOnly(year, 6, 30)) : (new DateOnly(year, 7, 1), new DateOnly(year, 12, 31)))
            : (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return new Period { Start = FhirTime.Date(from), End = FhirTime.Date(to) };
    }

    /// <summary>The area as DK Core codes: the nation, a region (DK-81..DK-85 from 1081-1085) or a municipality.</summary>
    public static Coding Area(IndicatorResult result) => result.AreaType switch
    {
        AreaType.Nation => new Coding(CaseHubUrls.CountryCodes, "DK", result.AreaName),
        AreaType.Region => new Coding(CaseHubUrls.RegionCodes, result.AreaCode.Length == 4 ? "DK-" + result.AreaCode[2..] : result.AreaCode, result.AreaName),
        _ => new Coding(CaseHubUrls.MunicipalityCodes, result.AreaCode, result.AreaName),
    };
}
