namespace CaseHub.Core.Indicators;

/// <summary>What an indicator measures, which decides how it is computed.</summary>
public enum IndicatorKind
{
    /// <summary>Episodes per 100,000 citizens.</summary>
    Episodes,

    /// <summary>Distinct persons per 100,000 citizens.</summary>
    Persons,

    HoursMean,
    HoursMedian,

    /// <summary>Coercion-target episodes per distinct admitted patient.</summary>
    PerAdmittedPatient,

    /// <summary>Operational: a count out of a count, as a percentage; the denominator is a count and follows the rules.</summary>
    Share,

    /// <summary>Operational: the median of a duration in working days; the numerator is how many durations.</summary>
    MedianWorkingDays,

    /// <summary>Operational: a plain count (a snapshot at the end of the period), no denominator.</summary>
    Count,
}

/// <summary>One national indicator (DOMAIN.md section 5): its id, Danish name, kind and the measure types it counts.</summary>
public sealed record IndicatorDefinition(string Id, string Name, IndicatorKind Kind, IReadOnlyList<RegisterMeasureType> Types, string Unit);

/// <summary>The national coercion indicators, with the ids the national figures use.</summary>
public static class IndicatorCatalog
{
    public const string PerHundredThousand = "pr. 100.000 borgere";

    /// <summary>The three forms of coercion the 2024-2030 target counts.</summary>
    public static readonly IReadOnlyList<RegisterMeasureType> TargetTypes =
        [RegisterMeasureType.BeltRestraint, RegisterMeasureType.PhysicalHolding, RegisterMeasureType.ForcedSedation];

    public const string TargetEpisodes = "coercion-target-episodes";

    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new(TargetEpisodes, "Bæltefiksering, fastholdelse og akut beroligende medicin (episoder)", IndicatorKind.Episodes, TargetTypes, PerHundredThousand),
        new("coercion-target-persons", "Bæltefiksering, fastholdelse og akut beroligende medicin (personer)", IndicatorKind.Persons, TargetTypes, PerHundredThousand),
        new("belt-restraint-episodes", "Bæltefikseringer", IndicatorKind.Episodes, [RegisterMeasureType.BeltRestraint], PerHundredThousand),
        new("belt-restraint-persons", "Personer bæltefikseret", IndicatorKind.Persons, [RegisterMeasureType.BeltRestraint], PerHundredThousand),
        new("belt-restraint-hours-mean", "Bæltefiksering, gennemsnitlig varighed", IndicatorKind.HoursMean, [RegisterMeasureType.BeltRestraint], "timer"),
        new("belt-restraint-hours-median", "Bæltefiksering, median varighed", IndicatorKind.HoursMedian, [RegisterMeasureType.BeltRestraint], "timer"),
        new("physical-holding-episodes", "Fastholdelser", IndicatorKind.Episodes, [RegisterMeasureType.PhysicalHolding], PerHundredThousand),
        new("physical-holding-persons", "Personer fastholdt", IndicatorKind.Persons, [RegisterMeasureType.PhysicalHolding], PerHundredThousand),
        new("forced-sedation-episodes", "Akut beroligende medicin", IndicatorKind.Episodes, [RegisterMeasureType.ForcedSedation], PerHundredThousand),
        new("forced-sedation-persons", "Personer med akut beroligende medicin", IndicatorKind.Persons, [RegisterMeasureType.ForcedSedation], PerHundredThousand),
        new("compulsory-admissions", "Tvangsindlæggelser", IndicatorKind.Episodes, [RegisterMeasureType.CompulsoryAdmission], PerHundredThousand),
        new("compulsory-admission-persons", "Personer tvangsindlagt", IndicatorKind.Persons, [RegisterMeasureType.CompulsoryAdmission], PerHundredThousand),
        new("compulsory-detentions", "Tvangstilbageholdelser", IndicatorKind.Episodes, [RegisterMeasureType.CompulsoryDetention], PerHundredThousand),
        new("compulsory-detention-persons", "Personer tvangstilbageholdt", IndicatorKind.Persons, [RegisterMeasureType.CompulsoryDetention], PerHundredThousand),
        new("register-discharge-agreements", "Udskrivningsaftaler", IndicatorKind.Episodes, [RegisterMeasureType.DischargeAgreement], PerHundredThousand),
        new("register-discharge-agreement-persons", "Personer med udskrivningsaftale", IndicatorKind.Persons, [RegisterMeasureType.DischargeAgreement], PerHundredThousand),
        new("register-coordination-plans", "Koordinationsplaner", IndicatorKind.Episodes, [RegisterMeasureType.CoordinationPlan], PerHundredThousand),
        new("register-coordination-plan-persons", "Personer med koordinationsplan", IndicatorKind.Persons, [RegisterMeasureType.CoordinationPlan], PerHundredThousand),
        new("coercion-target-episodes-per-admitted-patient", "Episoder med bæltefiksering, fastholdelse og akut beroligende medicin pr. indlagt patient", IndicatorKind.PerAdmittedPatient, TargetTypes, "episoder pr. indlagt patient"),
    ];

    /// <summary>
    /// The operational indicators computed from CaseHub's own data (DOMAIN.md section 5; docs/operational-indicators.md
    /// says how each record maps to a period, an area and an age group). Kept apart from <see cref="All"/>, which the
    /// national computation iterates.
    /// </summary>
    public static readonly IReadOnlyList<IndicatorDefinition> Operational =
    [
        new(OperationalIds.DischargeAgreements, "Udskrivningsaftaler aktiveret", IndicatorKind.Episodes, [], PerHundredThousand),
        new(OperationalIds.CoordinationPlans, "Koordinationsplaner aktiveret", IndicatorKind.Episodes, [], PerHundredThousand),
        new(OperationalIds.PlanBeforeDischarge, "Udskrivninger i målgruppen med accepteret aftale eller plan senest på udskrivningsdagen", IndicatorKind.Share, [], "%"),
        new(OperationalIds.MunicipalResponse, "Kommunens svartid fra sendt til accepteret (median)", IndicatorKind.MedianWorkingDays, [], "arbejdsdage"),
        new(OperationalIds.NetworkMeetingInTime, "Netværksmøder anmodet ved udskrivning holdt inden fristen", IndicatorKind.Share, [], "%"),
        new(OperationalIds.Readmission, "Genindlæggelse inden for 30 dage", IndicatorKind.Share, [], "%"),
        new(OperationalIds.ReadmissionWithPlan, "Genindlæggelse inden for 30 dage, med aftale eller plan", IndicatorKind.Share, [], "%"),
        new(OperationalIds.ReadmissionWithoutPlan, "Genindlæggelse inden for 30 dage, uden aftale eller plan", IndicatorKind.Share, [], "%"),
        new(OperationalIds.OpenFlags, "Åbne flag", IndicatorKind.Count, [], "flag"),
        new(OperationalIds.OverdueFollowUps, "Overskredne opfølgningsopgaver", IndicatorKind.Count, [], "opgaver"),
    ];

    public static IndicatorDefinition Get(string id) => All.FirstOrDefault(i => i.Id == id) ?? Operational.Single(i => i.Id == id);

    public static bool IsOperational(string id) => Operational.Any(i => i.Id == id);

    /// <summary>The code a register extract uses for each type.</summary>
    public static readonly IReadOnlyDictionary<string, RegisterMeasureType> TypeCodes = new Dictionary<string, RegisterMeasureType>(StringComparer.Ordinal)
    {
        ["baeltefiksering"] = RegisterMeasureType.BeltRestraint,
        ["fastholdelse"] = RegisterMeasureType.PhysicalHolding,
        ["akut_beroligende_medicin"] = RegisterMeasureType.ForcedSedation,
        ["tvangsindlaeggelse"] = RegisterMeasureType.CompulsoryAdmission,
        ["tvangstilbageholdelse"] = RegisterMeasureType.CompulsoryDetention,
        ["udskrivningsaftale"] = RegisterMeasureType.DischargeAgreement,
        ["koordinationsplan"] = RegisterMeasureType.CoordinationPlan,
    };

    /// <summary>The baseline years of the 2024-2030 target.</summary>
    public static readonly IReadOnlyList<int> BaselineYears = [2021, 2022, 2023];

    public const string NationCode = "DK";

    public static string Code(this AreaType type) => type switch
    {
        AreaType.Nation => "nation",
        AreaType.Region => "region",
        _ => "municipality",
    };

    public static string Code(this AgeGroup group) => group switch
    {
        AgeGroup.All => "all",
        AgeGroup.Adults => "adults",
        _ => "children",
    };

    public static string Danish(this AgeGroup group) => group switch
    {
        AgeGroup.All => "Alle",
        AgeGroup.Adults => "Voksne (18+)",
        _ => "Børn og unge (0-17)",
    };
}

/// <summary>The ids of the operational indicators.</summary>
public static class OperationalIds
{
    public const string DischargeAgreements = "discharge-agreements";
    public const string CoordinationPlans = "coordination-plans";
    public const string PlanBeforeDischarge = "plan-before-discharge-share";
    public const string MunicipalResponse = "municipal-response-median-working-days";
    public const string NetworkMeetingInTime = "network-meeting-within-5-working-days-share";
    public const string Readmission = "readmission-30d-share";
    public const string ReadmissionWithPlan = "readmission-30d-share-with-plan";
    public const string ReadmissionWithoutPlan = "readmission-30d-share-without-plan";
    public const string OpenFlags = "open-flags";
    public const string OverdueFollowUps = "overdue-follow-ups";
}
